#!/usr/bin/env python3
"""Upload -> searchable latency of PDFs through the staff API.

Makes a PDF from a text file (repeated to the requested number of copies), uploads it to a running server with
POST /api/documents (a background ingestion job), polls GET /api/jobs/{id} until it finishes, then searches with the
upload's unique tag until the document is found. Prints one line per run.

  python3 scripts/api-upload-latency.py --base http://127.0.0.1:3978 --key KEY --text samples/x.md --copies 1 --runs 3
"""
import argparse, json, textwrap, time, urllib.error, urllib.request, uuid


def make_pdf(text, copies):
    lines = []
    for _ in range(copies):
        for paragraph in text.split("\n"):
            lines.extend(textwrap.wrap(paragraph.encode("latin-1", "replace").decode("latin-1"), 90) or [""])
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)] or [[""]]
    objects = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    pages_id = 1 + 2 * len(pages) + 1
    kids = []
    for page in pages:
        escaped = (l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for l in page)
        stream = ("BT /F1 10 Tf 50 800 Td 14 TL " + " ".join(f"({l}) '" for l in escaped) + " ET").encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 1 0 R >> >> >>"
                       % (pages_id, len(objects)))
        kids.append(len(objects))
    objects.append(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out), len(pages)


def call(base, key, method, path, body=None, content_type=None):
    headers = {"X-Api-Key": key} if key else {}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:3978")
    parser.add_argument("--key", default="")
    parser.add_argument("--text", required=True)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="What did Russia demand?")
    args = parser.parse_args()
    pdf, pages = make_pdf(open(args.text, encoding="utf-8").read(), args.copies)
    for run in range(1, args.runs + 1):
        tag, boundary = uuid.uuid4().hex[:12], uuid.uuid4().hex
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="latency.pdf"\r\nContent-Type: application/pdf\r\n\r\n').encode() + pdf
        body += f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="tags"\r\n\r\nrun={tag}\r\n--{boundary}\r\nContent-Disposition: form-data; name="id"\r\n\r\nlatency-{tag}\r\n--{boundary}--\r\n'.encode()
        start = time.perf_counter()
        status, headers, _ = call(args.base, args.key, "POST", "/api/documents", body, f"multipart/form-data; boundary={boundary}")
        accepted = time.perf_counter()
        if status != 202:
            raise SystemExit(f"upload answered {status}")
        while True:
            job = json.loads(call(args.base, args.key, "GET", headers["Location"])[2])
            if job["state"] in ("succeeded", "failed"):
                break
            time.sleep(0.02)
        finished = time.perf_counter()
        query = json.dumps({"query": args.query, "tags": {"run": [tag]}, "top": 1}).encode()
        while not json.loads(call(args.base, args.key, "POST", "/api/search", query, "application/json")[2])["hits"]:
            time.sleep(0.02)
        found = time.perf_counter()
        ms = lambda t: round((t - start) * 1000)
        print(f"run {run}: {pages} pages, {len(pdf)} bytes: 202 at {ms(accepted)} ms, job {job['state']} at {ms(finished)} ms, "
              f"searchable at {ms(found)} ms")


if __name__ == "__main__":
    main()
