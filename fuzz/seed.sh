#!/bin/sh
# Seed the fuzz corpora (fuzz/corpus/<target>/) with small valid inputs of every format.
# Run from anywhere: sh fuzz/seed.sh. Needs python3 (standard library only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec python3 - "$here" <<'PY'
import io, json, os, sys, zipfile

fuzz = sys.argv[1]
root = os.path.dirname(fuzz)
corpus = os.path.join(fuzz, "corpus")

def put(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def head(path, n=3000):
    with open(path, "rb") as f:
        b = f.read()
    return b[:n].decode("utf-8", "ignore").encode("utf-8")

ARTICLE = ("Iran and Russia sign treaty\n\nMOSCOW, Jan. 17, 2025 - Russian President Vladimir "
           "Putin and Iranian President Masoud Pezeshkian signed a strategic partnership treaty "
           "on Friday. The United States condemned the agreement and imposed new sanctions on "
           "Iran. \"We do not trust Washington,\" said Foreign Minister Abbas Araghchi.\n")

articles = [("ref.txt", os.path.join("/work/shared/seeds", f))
            for f in sorted(os.listdir("/work/shared/seeds"))] if os.path.isdir("/work/shared/seeds") else []
dev = "/work/shared/eval/dev"
if os.path.isdir(dev):
    articles += [(f, os.path.join(dev, f)) for f in sorted(os.listdir(dev)) if f.endswith(".txt")][:4]
sample = os.path.join(root, "assets/samples/russia_iran_oped.txt")
if os.path.exists(sample):
    articles.append(("sample.txt", sample))

# --- text: UTF-8, UTF-8 BOM, UTF-16 LE/BE (with and without BOM), cp1252, KOI8-R, record id.
put("fuzz_text", "utf8.txt", ARTICLE)
put("fuzz_text", "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
put("fuzz_text", "utf16le.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
put("fuzz_text", "utf16be_nobom.txt", ARTICLE.encode("utf-16-be"))
put("fuzz_text", "utf32.txt", b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"))
put("fuzz_text", "cp1252.txt", "He said \u201cwe agree\u201d \u2014 Z\u00fcrich, caf\u00e9.\r\n".encode("cp1252"))
put("fuzz_text", "koi8.txt", "\u0420\u043e\u0441\u0441\u0438\u044f \u0438 \u0418\u0440\u0430\u043d \u043f\u043e\u0434\u043f\u0438\u0441\u0430\u043b\u0438 \u0434\u043e\u0433\u043e\u0432\u043e\u0440.\n".encode("koi8-r"))
put("fuzz_text", "recid.txt", "1.1452153-2994348903\nRussia and Iran\n\nBody text\nwrapped here.\n")
for name, p in articles:
    put("fuzz_text", name, head(p))
    put("fuzz_extract", name, head(p))

# --- markdown
put("fuzz_markdown", "front.md", "---\ntitle: Iran and Russia\ndate: 2024-03-03\n---\n# Head\n\n"
    "**Iran** [and](http://x) *Russia* ![img](y.png) `code`\n\n> quote\n\n- item one\n- item two\n\n"
    "```\nfenced\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nWASHINGTON, March 3, 2024 \u2014 Talks went on.\n")
put("fuzz_markdown", "plain.md", "# Iran and *Russia*\n\n" + ARTICLE)
put("fuzz_markdown", "htmlish.md", "<div><p>Russia and Iran.</p></div>\n\n# Title\n")

# --- html
put("fuzz_html", "page.html", """<!DOCTYPE html><html><head><meta charset="windows-1252">
<title>Russia and Iran sign treaty</title>
<meta property="article:published_time" content="2025-01-17T10:00:00Z">
<script>var x = "<p>not text</p>";</script><style>p{color:red}</style></head>
<body><nav>Home | World</nav><header>Site</header><article><h1>Russia and Iran sign treaty</h1>
<p>Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed a treaty.</p>
<p>The United States &amp; the EU <b>condemned</b> the agreement&nbsp;on Friday.</p>
<ul><li>One</li><li>Two</li></ul><table><tr><td>a</td><td>b</td></tr></table>
<p>Caf\xe9 &#x201C;quoted&#x201D; &eacute; &#8212; <br> line<br/>break</p></article>
<footer>(c) 2025</footer></body></html>""".encode("latin-1", "ignore"))
put("fuzz_html", "frag.html", "<p>Iran and Iraq met.</p><div>China <i>criticised</i> Japan.</div>")
put("fuzz_html", "xhtml.html", "<?xml version=\"1.0\"?><!-- c --><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Text.</p></body></html>")

# --- pdf (same layout as src/ingest/pdf.rs's test PDF)
def make_pdf(pages, title=None, date=None):
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % (5 + 2 * i) for i in range(len(pages))), len(pages)),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    info = "<<"
    if title: info += " /Title (%s)" % title
    if date: info += " /CreationDate (%s)" % date
    objs.append(info + " >>")
    for i, lines in enumerate(pages):
        content = "BT /F1 11 Tf 14 TL 72 720 Td\n"
        for l in lines:
            content += "(%s) Tj T*\n" % l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += "ET"
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i))
        objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode("latin-1")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
    for o in offs:
        out += ("%010d 00000 n \n" % o).encode()
    out += ("trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)).encode()
    return bytes(out)

put("fuzz_pdf", "two_pages.pdf", make_pdf(
    [["Russia and Iran deepen their military coop-", "eration despite Western sanctions, officials",
      "said on Friday in Moscow."], ["The United States condemned the agreement."]],
    "Russia and Iran deepen ties", "D:20241116093000Z"))
put("fuzz_pdf", "one_page.pdf", make_pdf([["China and Japan (talks) resumed."]]))
# A page drawn with an undefined font (/F2): pdf-extract panics, Dyad must turn it into an error.
put("fuzz_pdf", "undefined_font.pdf", make_pdf([["China and Japan (talks) resumed."]]).replace(b"/F1 11 Tf", b"/F2 11 Tf"))

# --- zip containers
def make_zip(entries):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return b.getvalue()

def make_docx(paras, title=None):
    body = ""
    for i, p in enumerate(paras):
        style = '<w:pPr><w:pStyle w:val="Title"/></w:pPr>' if i == 0 else ""
        m = len(p) // 2
        body += ('<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:t>%s</w:t></w:r>'
                 '<w:r><w:tab/><w:br/></w:r></w:p>' % (style, p[:m].replace("&", "&amp;"), p[m:].replace("&", "&amp;")))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<w:body>%s<w:p><w:r><w:delText>deleted text</w:delText></w:r></w:p>'
           '<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>Box text.</w:t></w:r></mc:Choice>'
           '<mc:Fallback><w:r><w:t>Box text.</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>'
           '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
           '<w:sectPr/></w:body></w:document>' % body)
    core = ('<?xml version="1.0"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            '%s<dcterms:created>2024-03-03T08:00:00Z</dcterms:created></cp:coreProperties>'
            % ("<dc:title>%s</dc:title>" % title if title else ""))
    return make_zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", doc), ("docProps/core.xml", core)])

put("fuzz_docx", "doc.docx", make_docx(["Iran and Russia", "They signed a pact & a deal."], "T"))
put("fuzz_docx", "min.docx", make_zip([("word/document.xml",
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p><w:r><w:t>China sanctions Japan.</w:t></w:r></w:p></w:body></w:document>')]))

def make_epub(title, chapters):
    items = refs = ""
    files = []
    for i, body in enumerate(chapters):
        items += '<item id="c%d" href="text/chapter%%20%d.xhtml" media-type="application/xhtml+xml"/>' % (i, i)
        refs += '<itemref idref="c%d"/>' % i
        files.append(("OEBPS/text/chapter %d.xhtml" % i,
                      '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                      '<head><title>Chapter %d</title><style>p{margin:0}</style></head><body>%s</body></html>' % (i, body)))
    opf = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title>'
           '<dc:date>2023-09-21</dc:date></metadata><manifest>%s'
           '<item id="css" href="style.css" media-type="text/css"/></manifest>'
           '<spine>%s</spine></package>' % (title, items, refs))
    container = ('<?xml version="1.0"?><container version="1.0" '
                 'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                 '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
                 '</rootfiles></container>')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container, zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", opf, zipfile.ZIP_DEFLATED)
        for name, data in reversed(files):
            z.writestr(name, data, zipfile.ZIP_DEFLATED)
    return b.getvalue()

put("fuzz_epub", "book.epub", make_epub("Allies and Rivals", [
    "<h1>One</h1><p>Russia and Iran cooperate.</p><script>bad()</script>",
    "<h1>Two</h1><p>The United States sanctions Iran &amp; Syria.</p>"]))

# --- extractor: hand-written sentences exercising the rules
for i, s in enumerate([
        "Russia and Iran signed a treaty. The two countries agreed to cooperate.",
        "The United States imposed sanctions on Iran, while China criticised Japan.",
        "\"We do not trust Washington,\" Araghchi said. Israel struck Hezbollah positions in Lebanon.",
        "Russian-Iranian ties: Moscow refused; Tehran accepted. If the EU fails, NATO could attack.",
        "U.S.-EU talks between Germany and France. Iran's destabilizing actions. They reaffirmed ties.",
        "Sino-Japanese relations \u2014 Beijing\u2019s propaganda \u00ab Kremlin \u00bb etc. Mr. Biden met Gen. Li.\r\n"]):
    put("fuzz_extract", "s%d.txt" % i, s)

# --- workspace
put("fuzz_workspace", "ws.dyad.json", json.dumps({
    "version": 1,
    "articles": [{"path": "a.txt", "hash": "cbf29ce484222325", "embedded": False},
                 {"path": "russia_iran_oped.txt", "hash": "0", "embedded": True}],
    "lexicons": ["my.json"], "pinned": {"russia": {"x": 1.5, "y": -2.0}},
    "kinds": {"cooperation": True, "conflict": False}, "min_evidence": 2,
    "hidden_edges": [{"source": "iran", "target": "russia", "kind": "mistrust"}]}, indent=1))
put("fuzz_workspace", "min.dyad.json", '{"version":1,"articles":[]}')

# --- lexicon
put("fuzz_lexicon", "lex.json", json.dumps({
    "version": 1,
    "actors": [{"id": "freedonia", "name": "Freedonia", "kind": "state",
                "aliases": ["Freedonia", "Republic of Freedonia", "FR"], "demonyms": ["Freedonian", "Freedonians"],
                "seats": ["Fredville"], "prefixes": ["Freedo-"],
                "people": [{"name": "Rufus T. Firefly", "role": "President", "from": "2024-01-01",
                            "short": ["Firefly"], "variants": ["Rufus Firefly"]}]},
               {"id": "sylvania", "name": "Sylvania", "kind": "state", "aliases": ["Sylvania"]}],
    "relations": [{"kind": "trade", "directed": False, "triggers": ["exported", "trade deal"],
                   "group_triggers": ["traded"], "target_triggers": []},
                  {"kind": "conflict", "directed": True, "triggers": ["invaded"],
                   "target_triggers": ["aggression"]}]}, indent=1))
put("fuzz_lexicon", "text.json", '{"actors":[{"id":"a","aliases":["Ab"]},{"id":"b","aliases":["Ba"]}],'
    '"relations":[{"kind":"x","directed":true,"triggers":["hit"]}]}')
print("seeded", sum(len(fs) for _, _, fs in os.walk(corpus)), "files under", corpus)
PY
