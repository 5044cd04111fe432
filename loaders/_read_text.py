"""Plain-text bytes (``.txt``/``.md``) -> str, with the encoding found by charset-normalizer.

Policy documents come in UTF-8 (with or without BOM), UTF-16/32 or the Chinese
national encodings (GB2312/GBK/GB18030, Big5). The detector is held to those,
so that damaged bytes are reported instead of decoded into another script.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from policykg.loaders._limits import Unreadable

# control characters other than tab, newline, carriage return and form feed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # the same, as UTF-8 bytes
_MAX_CONTROL_SHARE = 0.01
_MAX_REPLACEMENT_SHARE = 0.01
_SNIFF_BYTES = 4096
_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16", "utf_32"]


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    return b"\x00" in head


def _control_bytes(data: bytes) -> int:
    """Control characters in UTF-8 ``data``: in UTF-8 each is its own single byte, so bytes are counted.
    Nearly every text holds none of them, so one look for each such byte rules most texts out before any
    counting."""
    if not any(byte in data for byte in _CONTROL_BYTES):
        return 0
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def decode_text(data: bytes) -> str:
    """Decode text bytes; raises ``Unreadable`` for binary or undecodable data."""
    if _looks_binary(data):
        raise Unreadable("binary data, not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
        controls = _control_bytes(data)
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=_ENCODINGS).best()
        if best is None:
            raise Unreadable("undecodable text: no character encoding fits") from None
        text = str(best)
        controls = len(_CONTROL.findall(text))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise Unreadable("no text in file")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise Unreadable("binary data, not text")
    if text.count("\ufffd") > _MAX_REPLACEMENT_SHARE * len(text):
        raise Unreadable("undecodable text: too many invalid characters")
    return text
