#!/usr/bin/python3
"""Reads every .eml file in a folder as a mail client would, with Python's
`email` package, and prints one JSON line per message: its decoded headers,
its MIME structure, where its PDF and PNG were saved, and every problem
found in its bytes (bare LF, a line over 78 characters, a byte outside
ASCII, bad base64, a defect the parser noticed, a missing part).

  check_mail.py MESSAGES_DIR ATTACHMENTS_DIR

The tests decide what must hold; this only reads and reports.
"""
import base64
import binascii
import email
import email.header
import email.policy
import email.utils
import json
import os
import re
import sys


def structure(part):
    if part.is_multipart():
        return "%s[%s]" % (part.get_content_type(), ",".join(structure(p) for p in part.iter_parts()))
    return part.get_content_type()


def display_name(raw_value):
    """The display name of a one-mailbox header, decoded as RFC 2047 6.2 says:
    whitespace between adjacent encoded words is ignored. (The address parser
    of policy.default keeps it, a known Python quirk mail clients do not
    share, so the names are read with email.header here.)"""
    unfolded = re.sub(r"\r?\n[ \t]", " ", raw_value).strip()
    phrase = re.sub(r"\s*<[^<>]*>$", "", unfolded)
    if len(phrase) >= 2 and phrase[0] == phrase[-1] == '"':
        return re.sub(r"\\(.)", r"\1", phrase[1:-1])
    return str(email.header.make_header(email.header.decode_header(phrase)))


def raw_problems(raw):
    problems = []
    if any(b > 0x7E or (b < 0x20 and b not in (0x0D, 0x0A, 0x09)) for b in raw):
        problems.append("a byte outside printable ASCII")
    lines = raw.split(b"\r\n")
    if any(b"\n" in line or b"\r" in line for line in lines):
        problems.append("a line not ended by CRLF")
    longest = max(len(line) for line in lines)
    if longest > 78:
        problems.append("a line of %d characters" % longest)
    return problems


def base64_problems(part):
    raw = part.get_payload(decode=False)
    lines = [line for line in raw.split("\n") if line.strip()]
    problems = []
    if any(len(line.rstrip("\r")) > 76 for line in lines):
        problems.append("a base64 line over 76 characters")
    try:
        base64.b64decode("".join(line.strip() for line in lines), validate=True)
    except binascii.Error as error:
        problems.append("bad base64: %s" % error)
    return problems


def check(path, out_dir):
    with open(path, "rb") as f:
        raw = f.read()
    report = {"file": os.path.basename(path), "problems": raw_problems(raw)}
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    report["problems"] += ["defect: %r" % d for d in msg.defects]
    for name in ("Message-ID", "Date", "From", "To", "Subject", "MIME-Version"):
        if msg[name] is None:
            report["problems"].append("no %s header" % name)
    to = msg["To"].addresses[0] if msg["To"] else None
    sender = msg["From"].addresses[0] if msg["From"] else None
    raw_headers = email.message_from_bytes(raw, policy=email.policy.compat32)
    report.update({
        "message_id": str(msg["Message-ID"] or ""),
        "subject": str(msg["Subject"] or ""),
        "to_name": display_name(raw_headers["To"]) if to else "",
        "to_address": to.addr_spec if to else "",
        "from_name": display_name(raw_headers["From"]) if sender else "",
        "from_address": sender.addr_spec if sender else "",
        "language": str(msg["Content-Language"] or ""),
        "structure": structure(msg),
    })
    try:
        report["date"] = email.utils.parsedate_to_datetime(str(msg["Date"])).isoformat()
    except (TypeError, ValueError):
        report["problems"].append("a Date that does not parse")
    stem = os.path.splitext(os.path.basename(path))[0]
    content_id = None
    for part in msg.walk():
        report["problems"] += ["defect in %s: %r" % (part.get_content_type(), d) for d in part.defects]
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if part.get("Content-Transfer-Encoding", "").lower() == "base64":
            report["problems"] += base64_problems(part)
        if kind in ("text/plain", "text/html"):
            if part.get_content_charset() != "utf-8":
                report["problems"].append("%s without charset=utf-8" % kind)
            report["text" if kind == "text/plain" else "html"] = part.get_content()
        elif kind == "image/png":
            content_id = (part["Content-ID"] or "").strip("<>")
            report["png_disposition"] = part.get_content_disposition()
            report["png"] = save(out_dir, stem + "-qr.png", part.get_content())
        elif kind == "application/pdf":
            report["pdf_disposition"] = part.get_content_disposition()
            report["pdf_filename"] = part.get_filename()
            report["pdf"] = save(out_dir, stem + ".pdf", part.get_content())
    html = report.get("html", "")
    report["html_shows_qr"] = bool(content_id) and ('src="cid:%s"' % content_id) in html
    report["agenda_rows"] = len(re.findall(r"<tr[ >]", html)) - 1 if "<table" in html else 0
    return report


def save(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def main():
    messages, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for name in sorted(os.listdir(messages)):
        if name.endswith(".eml"):
            print(json.dumps(check(os.path.join(messages, name), out_dir), ensure_ascii=False))


if __name__ == "__main__":
    main()
