"""Evidence files (佐证材料): which files are accepted and why one is refused.  Asked by every
upload — a monthly report's evidence (supervision) and a reported value's or a judgement's."""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

EVIDENCE_TYPES = {  # extension → magic bytes at the start of the file
    ".pdf": [b"%PDF"], ".png": [b"\x89PNG"], ".jpg": [b"\xff\xd8\xff"], ".jpeg": [b"\xff\xd8\xff"],
    ".docx": [b"PK\x03\x04"], ".xlsx": [b"PK\x03\x04"], ".doc": [b"\xd0\xcf\x11\xe0"],
    ".xls": [b"\xd0\xcf\x11\xe0"], ".ofd": [b"PK\x03\x04"],
}


def evidence_problem(upload) -> str | None:
    """Why ``upload`` is refused (its name, type, size or content), or None when it is accepted."""
    name = upload.name
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in EVIDENCE_TYPES:
        return _("%(name)s: not a document or image (accepted: %(types)s)") % {
            "name": name, "types": " ".join(sorted(EVIDENCE_TYPES))}
    limit = settings.ECOPLAN_MAX_EVIDENCE_BYTES
    if upload.size > limit:
        return _("%(name)s: %(size)s bytes is over the %(limit)s-byte limit") % {
            "name": name, "size": f"{upload.size:,}", "limit": f"{limit:,}"}
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in EVIDENCE_TYPES[ext]):
        return _("%(name)s: the content is not a %(ext)s file") % {"name": name, "ext": ext}
    return None
