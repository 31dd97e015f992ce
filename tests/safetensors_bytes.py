"""Edit a safetensors file's bytes in tests: its JSON header and the metadata inside it.

A safetensors file is an 8-byte little-endian header length, the JSON header (tensor
names, dtypes, shapes and offsets, plus `__metadata__`: a dict of strings), then the
tensor bytes. The header is padded with spaces to a multiple of 8, as safetensors writes it.
"""

import json
import struct


def header_of(data: bytes) -> tuple[dict, bytes]:
    """(the parsed JSON header, the tensor bytes after it)."""
    (size,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8 : 8 + size]), data[8 + size :]


def with_header(header: dict, body: bytes) -> bytes:
    """A file of `header` (JSON, space-padded to a multiple of 8) and the tensor bytes `body`."""
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    return struct.pack("<Q", len(encoded)) + encoded + body


def with_metadata(data: bytes, **changes) -> bytes:
    """The same file with these `__metadata__` entries replaced (values must be strings)."""
    header, body = header_of(data)
    header["__metadata__"].update(changes)
    return with_header(header, body)
