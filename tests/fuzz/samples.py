"""Small real-text input files built from the seed articles in ``examples/``, good and malformed.

Tests and the fuzz seed corpus both use these, so no fixture file has to be committed: every
format is generated in a temporary folder from the two seeds (RT's report and the rewrite), and the
malformed variants are the seeds' own bytes cut, flipped or mislabelled the way real crawls break.
"""

from __future__ import annotations

import csv
import functools
import gzip
import html as html_lib
import io
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RT_TXT = EXAMPLES / "001_b27ff7eeccda9d61.txt"
REWRITE_TXT = EXAMPLES / "000_6fb2124cbc58fd30.txt"

RT_TITLE = "UN Syria envoy ‘appalled’ by opposition groups firing rockets on civilians in Aleppo"
REWRITE_TITLE = "United Nations Finally Acknowledges US-Backed Rebels in Syria are Murdering Civilians"
RT_URL = "https://www.rt.com/news/364760-un-envoy-shelling-aleppo/"


@dataclass(frozen=True)
class Seed:
    """One seed article split into what a record or page would carry."""

    id: str
    url: str
    outlet: str
    published: str
    title: str
    author: str | None
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _paragraphs(raw: str, skip_first: int) -> tuple[str, ...]:
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    return tuple(lines[skip_first:])


def seeds() -> list[Seed]:
    """The two seed articles with the metadata their outlets published them with."""
    rt_raw = RT_TXT.read_text(encoding="utf-8")
    rw_raw = REWRITE_TXT.read_text(encoding="utf-8")
    rw_paras = list(_paragraphs(rw_raw, 1))
    rw_paras[-1] = rw_paras[-1].removesuffix("Share").rstrip()
    return [
        Seed("rt-364760", RT_URL, "rt.com", "2016-10-30", RT_TITLE, None, _paragraphs(rt_raw, 1)),
        Seed(
            "tm-rewrite",
            "https://example.org/be-the-change/un-acknowledges-rebels",
            "example.org",
            "2016-11-02",
            REWRITE_TITLE,
            "Baran Hines",
            tuple(rw_paras),
        ),
    ]


def record(seed: Seed, **extra: object) -> dict[str, object]:
    return {
        "id": seed.id,
        "url": seed.url,
        "outlet": seed.outlet,
        "published": seed.published,
        "title": seed.title,
        "author": seed.author,
        "text": seed.text,
        **extra,
    }


def html_page(seed: Seed, *, with_date: bool = True) -> str:
    """A plain news page: head metadata, navigation, the article, a footer."""
    esc = html_lib.escape
    date_meta = f'<meta property="article:published_time" content="{seed.published}">' if with_date else ""
    author_meta = f'<meta name="author" content="{esc(seed.author)}">' if seed.author else ""
    body = "\n".join(f"<p>{esc(p)}</p>" for p in seed.paragraphs)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(seed.title)}</title>{date_meta}{author_meta}"
        f'<meta property="og:site_name" content="{esc(seed.outlet)}">'
        "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
        f"<article><h1>{esc(seed.title)}</h1>\n{body}\n</article>"
        "<footer>All rights reserved</footer></body></html>"
    )


def csv_text(rows: list[dict[str, object]], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def warc_bytes(pages: list[tuple[str, str, bytes]], *, gzip_records: bool = True) -> bytes:
    """A WARC of (url, content_type, payload) responses with fixed crawl dates."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_records)
    for i, (url, ctype, payload) in enumerate(pages):
        status = "404 Not Found" if url.endswith("/missing") else "200 OK"
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=headers,
            warc_headers_dict={
                "WARC-Date": f"2016-11-0{1 + i % 9}T10:00:00Z",
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>",  # same bytes every run
            },
        )
        writer.write_record(rec)
    return buf.getvalue()


@functools.cache
def good_files() -> dict[str, bytes]:
    """One well-formed file per supported format, named by what it holds (same bytes every call)."""
    rt, rw = seeds()
    recs = [record(rt, section="news"), record(rw, section="be-the-change")]
    fakes_rows = [
        {"article_title": s.title, "article_content": s.text, "source": s.outlet, "date": s.published, "label": 1}
        for s in (rt, rw)
    ]
    return {
        "rt.txt": RT_TXT.read_bytes(),
        "rewrite.txt": REWRITE_TXT.read_bytes(),
        "rt.html": html_page(rt).encode(),
        "both.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode(),
        "both.json": json.dumps(recs, ensure_ascii=False).encode(),
        "wrapped.json": json.dumps({"articles": recs}, ensure_ascii=False).encode(),
        "fakes.csv": csv_text(fakes_rows, ["article_title", "article_content", "source", "date", "label"]).encode(),
        "pages.warc.gz": warc_bytes(
            [
                (rt.url, "text/html; charset=utf-8", html_page(rt).encode()),
                ("https://www.rt.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
                ("https://www.rt.com/missing", "text/html", b"<html><body>Not found</body></html>"),
                (rw.url, "text/html", html_page(rw, with_date=False).encode()),
            ]
        ),
    }


@functools.cache
def malformed_files() -> dict[str, bytes]:
    """The good files broken the ways crawls and exports break them."""
    good = good_files()
    out: dict[str, bytes] = {}
    for name, data in good.items():
        out[f"cut-{name}"] = data[: len(data) // 2]
        flipped = bytearray(data)
        for i in range(7, len(flipped), 97):
            flipped[i] ^= 0x80
        out[f"flipped-{name}"] = bytes(flipped)
    out["latin1.txt"] = RT_TXT.read_text(encoding="utf-8").encode("cp1252", errors="replace")
    out["utf16.txt"] = RT_TXT.read_text(encoding="utf-8").encode("utf-16")
    out["nul.jsonl"] = b'{"text": "a\\u0000b ' + b"x" * 50 + b'"}\n\x00\x00\n'
    out["nested.json"] = b"[" * 5000 + b"]" * 5000
    out["scalar.json"] = b"42"
    out["ragged.csv"] = b'text,title\n"unterminated,quote\nplain,row,extra,cells\n'
    out["nul.csv"] = b"text\nfoo\x00bar\n"
    out["scripts.html"] = (
        b"<html><head><title><script>alert(1)</script></title></head><body>"
        + b"<script>" + b"var a=1;" * 200 + b"</script><p onclick=\"x()\">"
        + RT_TXT.read_bytes()[:600]
        + b"</p><style>p{}</style></body></html>"
    )
    out["deep.html"] = b"<div>" * 3000 + b"text " * 50 + b"</div>" * 3000
    out["not.warc"] = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"
    out["gz-garbage.warc.gz"] = gzip.compress(b"this is not a warc record at all\r\n\r\n")
    return out


def write_all(folder: Path, files: dict[str, bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        p = folder / name
        p.write_bytes(data)
        paths.append(p)
    return paths


#: payloads the HTML report and the web app must show as text and never run (script, CSS and
#: link-scheme injection, markup that breaks out of attributes, and terminal escapes for the CLI)
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "'><svg/onload=window.__pwned=1>",
    "</title><script>window.__pwned=1</script>",
    "<style>body{background:url(javascript:window.__pwned=1)}</style>",
    "</style><style>*{display:none!important}</style>",
    "javascript:window.__pwned=1",
    "data:text/html,<script>window.__pwned=1</script>",
    "vbscript:msgbox(1)",
    "{{7*7}}${7*7}<%= 7*7 %>",
    "\x1b]0;pwned\x07\x1b[2J",
    "\u202eevil\u202c",
]


def hostile_records() -> list[dict[str, object]]:
    """One article per payload, the payload in its title, outlet, URL, author and body.

    The body keeps the RT seed's first paragraph so that the article has real main text, quotes
    and counts around the payload (it then reaches every stage, not just the reader).
    """
    rt = seeds()[0]
    out: list[dict[str, object]] = []
    for i, payload in enumerate(HOSTILE):
        out.append(
            {
                "id": f"hostile-{i}",
                "url": payload if ":" in payload[:12] else f"https://example.org/{payload}",
                "outlet": payload,
                "title": f"{payload} {rt.title}",
                "author": payload,
                "published": "2016-10-30",
                "text": f"{rt.paragraphs[0]}\n\n{payload}\n\n{rt.paragraphs[1]} {payload}",
            }
        )
    return out
