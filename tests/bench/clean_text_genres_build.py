"""Build the clean-text audit set from fetched git mirrors (``fetch`` each repository of
tests/eval/cleantext_genres/manifest.tsv first; they are read from /work/.mirror/OWNER+NAME/repo).

    python tests/bench/clean_text_genres_build.py [OUT]


Each document: OUT/NN-slug.txt (OUT: the first argument, default /tmp/cleantext_genres), plain text, paragraphs separated by blank
lines, headings on their own lines. Manifest: tests/eval/cleantext_genres/manifest.tsv (written by this script as OUT/../manifest.tsv).
"""
import csv
import html
import io
import json
import re
import subprocess
from pathlib import Path

M = Path("/work/.mirror")
import sys
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cleantext_genres")
OUT.mkdir(parents=True, exist_ok=True)


def gitdir(name):
    d = M / name / "repo"
    return d


def show(name, path):
    raw = subprocess.run(["git", "-C", str(gitdir(name)), "show", f"HEAD:{path}"],
                         capture_output=True, check=True).stdout
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def head(name):
    return subprocess.run(["git", "-C", str(gitdir(name)), "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


# ---------------------------------------------------------------- markdown -> text
def inline(s):
    s = re.sub(r"<!--.*?-->", "", s)
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)            # images
    s = re.sub(r"\[\^[^\]]+\]", "", s)                      # footnote refs
    s = re.sub(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)", r"\1", s)          # links -> text
    s = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", s)          # reference-style links
    s = re.sub(r"<(https?://[^>]+)>", r"\1", s)             # autolinks
    s = re.sub(r"<br\s*/?>", " ", s)
    s = re.sub(r"</?(u|b|i|em|strong|span|sup|sub|code|a|cite|kbd|summary|small|p|div|details)\b[^>]*>", "", s)
    s = re.sub(r"<img[^>]*>", "", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    s = re.sub(r"__(.+?)__", r"\1", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", s)
    s = re.sub(r"`([^`]+)`", r"\1", s)
    s = html.unescape(s)
    return re.sub(r"[ \t]+", " ", s).strip()


def md2txt(text, keep_code=True, title=None):
    lines = text.split("\n")
    # front matter
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        fm = lines[1:end]
        lines = lines[end + 1:]
        if title is None:
            for l in fm:
                m = re.match(r'title:\s*"?(.*?)"?\s*$', l)
                if m:
                    title = m.group(1)
    paras = []
    cur = []
    in_code = False
    code = []

    def flush():
        nonlocal cur
        if cur:
            t = inline(" ".join(cur) if not re.search(r"[\u4e00-\u9fff]", "".join(cur)) else join_zh(cur))
            if t:
                paras.append(t)
        cur = []

    for l in lines:
        s = l.rstrip()
        if s.strip().startswith("```") or s.strip().startswith("~~~"):
            if in_code:
                in_code = False
                if keep_code and code:
                    paras.append("\n".join(c for c in code if c.strip()))
                code = []
            else:
                flush()
                in_code = True
            continue
        if in_code:
            code.append(s)
            continue
        st = s.strip()
        if not st:
            flush()
            continue
        if re.match(r"^(-{3,}|\*{3,}|_{3,})$", st) or st in ("{:toc}", "* Table of Contents") or st.startswith("<!--"):
            flush()
            continue
        if re.match(r"^\[\^?[^\]]+\]:\s", st):
            flush()
            continue
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*$", st)
        if m:
            flush()
            paras.append("\x01H" + inline(m.group(1)))
            continue
        m = re.match(r"^<h\d[^>]*>(.*?)</h\d>$", st)
        if m:
            flush()
            paras.append("\x01H" + inline(m.group(1)))
            continue
        if re.match(r"^</?(p|div|ol|ul|table|details|summary)[^>]*>$", st):
            flush()
            continue
        if re.match(r"^[*\s]+$", st) and st.count("*") >= 3:
            flush()
            paras.append(st)
            continue
        if re.match(r"^</?[A-Z][A-Za-z]*\b[^>]*>$", st):   # mdBook components (<Listing ...>, </Listing>)
            flush()
            continue
        m = re.match(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$", s)
        if m and (not cur or True):
            flush()
            marker = m.group(2)
            if marker in "*+":
                marker = "-"
            cur = [marker + " " + m.group(3)]
            continue
        m = re.match(r"^>\s?(.*)$", st)
        if m:
            st = m.group(1)
            if not st:
                flush()
                continue
            mm = re.match(r"^([-*+]|\d+[.)])\s+(.*)$", st)
            if mm:
                flush()
                cur = [("-" if mm.group(1) in "*+" else mm.group(1)) + " " + mm.group(2)]
                continue
        if s.startswith("    ") and not cur and keep_code:
            # indented code block line
            if paras and paras[-1].startswith("\x00code"):
                paras[-1] += "\n" + st
            else:
                paras.append("\x00code" + st)
            continue
        cur.append(st)
    flush()
    out = []
    for p in paras:
        if p.startswith("\x00code"):
            p = "\x01C" + p[5:]
        elif re.match(r"^(-|\d+[.)]) ", p) and not p.startswith("\x01"):
            p = "\x01L" + p
        out.append(p)
    if title and (not out or out[0].lstrip("\x01HLC") != title):
        out.insert(0, "\x01H" + title)
    return out


def join_zh(lines):
    out = ""
    for l in lines:
        l = l.strip()
        if out and re.search(r"[A-Za-z0-9,.;:!?)]$", out) and re.match(r"[A-Za-z0-9(]", l):
            out += " " + l
        else:
            out += l
    return out


def unwrap_blocks(text, zh=False):
    """Blank-line separated blocks; lines inside a block joined."""
    paras = []
    for block in re.split(r"\n\s*\n", text):
        ls = [l.strip() for l in block.split("\n") if l.strip()]
        if not ls:
            continue
        paras.append(join_zh(ls) if zh else " ".join(ls))
    return paras


def write(n, slug, *args):
    if args[0] in ("zh", "en"):
        args = args[1:]
    genre, paras, repo, path, commit = args[:5]
    note = args[5] if len(args) > 5 else ""
    lang = slug[:2]
    paras = [p for p in paras if p.strip("\x01HLC").strip()]
    kinds = []
    for i, p in enumerate(paras):
        k = "?"
        if p.startswith("\x01"):
            k = {"H": "heading", "L": "list_item", "C": "code"}[p[1]]
            p = p[2:]
        kinds.append(k)
        paras[i] = p
    EXPECT[f"{n:02d}-{slug}.txt"] = kinds
    fn = OUT / f"{n:02d}-{slug}.txt"
    fn.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    MANIFEST.append([fn.name, lang, genre, str(len(paras)), repo, path, commit, note])


MANIFEST = []
EXPECT = {}


def _t(p):
    return p[2:] if p.startswith("\x01") else p


def cut(paras, start=None, stop=None, maxn=None):
    i = 0
    if start is not None:
        i = next(k for k, p in enumerate(paras) if _t(p).startswith(start))
    j = len(paras)
    if stop is not None:
        j = next(k for k, p in enumerate(paras) if k > i and _t(p).startswith(stop))
    out = paras[i:j]
    if maxn:
        out = out[:maxn]
    return out


def law(n, slug, genre, path, note=""):
    name = "LawRefBook+Laws"
    t = show(name, path)
    t = t.replace("<!-- INFO END -->", "")
    paras = md2txt(t)
    write(n, slug, "zh", genre, paras, "LawRefBook/Laws", path, head(name), note)
    return paras


# ================================================================ Chinese
n = 1
law(n, "zh-law-holidays", "legal/regulation", "行政法规/全国年节及纪念日放假办法(2024-11-10).md"); n += 1
law(n, "zh-law-nationality", "legal/law", "宪法相关法/国籍法(1980-09-10).md"); n += 1
law(n, "zh-policy-arbitration", "policy (一、/(一) numbering)", "行政法规/重新组建仲裁机构方案(1995-07-28).md"); n += 1
law(n, "zh-law-judicial-interp", "legal/judicial interpretation", "司法解释/最高人民法院关于限制被执行人高消费的若干规定(2010-07-01).md"); n += 1
law(n, "zh-law-case", "legal/case commentary", "案例/民法典/常某某诉许某网络服务合同案.md"); n += 1
law(n, "zh-law-paidleave", "legal/regulation", "行政法规/职工带薪年休假条例(2007-12-14).md"); n += 1

# labour arbitration guide: first sections only
name = "LawRefBook+Laws"
p = "其他/劳动仲裁和劳动诉讼的攻略.md"
t = show(name, p).split("<!-- INFO END -->", 1)[1]
paras = md2txt(t)
paras = paras[:60]
write(n, "zh-guide-labour", "guide/FAQ-like legal how-to", paras, "LawRefBook/Laws", p, head(name), "first 60 paragraphs; header source-link block dropped"); n += 1

# Constitution: preamble + chapter 1 first articles
p = "宪法/宪法.md"
t = show(name, p).replace("<!-- INFO END -->", "")
paras = md2txt(t)
i = next(k for k, x in enumerate(paras) if x.startswith("第十一条"))
paras = paras[:i]
write(n, "zh-law-constitution", "legal/constitution", paras, "LawRefBook/Laws", p, head(name), "up to 第十条"); n += 1

# Government work report 2024 (zh and en) from aligned CSV, grouped by source line
name = "YaaaFei+gov-work-report-corpus-demo"
p = "data/04_2024_auto_usable_parallel.csv"
rows = list(csv.DictReader(io.StringIO(show(name, p))))
groups = {}
order = []
for r in rows:
    k = int(r["年度文件内行号"])
    if k not in groups:
        groups[k] = []
        order.append(k)
    groups[k].append(r)
zh_paras = ["".join(r["中文"] for r in groups[k]) for k in order]
def en_join(rs):
    out = []
    for r in rs:
        t = r["英文"].strip()
        if out and not re.search(r"[.!?:;)\"”]$", out[-1][-1]):
            out.append([t])      # previous row was a heading: new paragraph
        elif out:
            out[-1].append(t)
        else:
            out.append([t])
    return [" ".join(x) for x in out]


en_paras = [p for k in order for p in en_join(groups[k])]


def split_glued_heading(p):
    # the CSV joins a numbered sub-heading and the next sentence ("...economic flows We will ...")
    m = re.match(r"^(\d+\.\s[^.!?]+?[a-z]) (?=(?:We|Our|China|The|In|To|This|Acting|Guided)\b)", p)
    if m and 4 <= len(m.group(1).split()) <= 25:
        return [m.group(1), p[m.end():]]
    return [p]


en_paras = [x for p in en_paras for x in split_glued_heading(p)]
GOV = (zh_paras, en_paras, head(name), p)
write(n, "zh-govreport-2024-a", "government work report", zh_paras[:45], "YaaaFei/gov-work-report-corpus-demo", p, head(name),
      "column 中文, rows grouped by 年度文件内行号 (one paragraph per source line), first 45 lines"); n += 1
write(n, "zh-govreport-2024-b", "government work report", zh_paras[45:80], "YaaaFei/gov-work-report-corpus-demo", p, head(name),
      "column 中文, source line groups 46-80"); n += 1

# Lu Xun
name = "tallusil+luxun-novel-analysis"


def lx_unwrap(lines):
    """Paragraph starts: blank line before, or a line indented with U+3000 / 2+ spaces."""
    paras, cur = [], []
    for l in lines:
        if not l.strip():
            if cur:
                paras.append(join_zh(cur)); cur = []
            continue
        if re.match(r"^(\u3000|  )", l) and cur:
            paras.append(join_zh(cur)); cur = []
        cur.append(l.strip())
    if cur:
        paras.append(join_zh(cur))
    return paras


def lx_section(book, start_title, stop_title):
    ls = show(name, f"data/combined/{book}.txt").split("\n")
    isttl = lambda l, t: re.match(r"^[ \u3000]{10,}", l) and l.strip().startswith(t)
    i = next(k for k, l in enumerate(ls) if isttl(l, start_title))
    j = next(k for k, l in enumerate(ls) if k > i and isttl(l, stop_title)) if stop_title else len(ls)
    return lx_unwrap(ls[i:j])


LX = [("呐喊", "鸭的喜剧", "〔《呐喊》〕", "zh-luxun-duck-comedy", "modern fiction (with editor's notes)", "story 鸭的喜剧 + its 注释"),
      ("朝花夕拾", "从百草园到三味书屋", "五猖会", "zh-luxun-baicaoyuan", "modern prose/memoir", "从百草园到三味书屋 with notes"),
      ("彷徨", "示　　众", "离　　婚", "zh-luxun-shizhong", "modern fiction", "示众 with notes"),
      ("坟", "娜拉走后怎样", "寡　妇　主　义", "zh-luxun-nora-speech", "speech/essay", "娜拉走后怎样 (lecture) with notes")]
for book, a, b, slug, genre, note in LX:
    paras = lx_section(book, a, b) if b != "〔《呐喊》〕" else None
    if paras is None:
        ls = show(name, f"data/combined/{book}.txt").split("\n")
        i = next(k for k, l in enumerate(ls) if l.strip() == a)
        j = next(k for k, l in enumerate(ls) if k > i and l.strip() == b)
        paras = lx_unwrap(ls[i:j])
    write(n, slug, genre, paras[:80], "tallusil/luxun-novel-analysis", f"data/combined/{book}.txt", head(name),
          note + "; hard-wrapped lines joined" + ("; cut at 80 paragraphs" if len(paras) > 80 else "")); n += 1

# Poems
name = "chinese-poetry+chinese-poetry"
d = json.loads(show(name, "水墨唐诗/shuimotangshi.json"))
paras = ["水墨唐诗选"]
for po in d[:8]:
    paras.append(po["title"])
    paras.append(po["author"])
    paras.extend(po["paragraphs"])
    if po.get("prologue"):
        paras.append(po["prologue"].replace("　", ""))
write(n, "zh-poems-tang", "classical poems (title, author, lines, commentary)", paras, "chinese-poetry/chinese-poetry",
      "水墨唐诗/shuimotangshi.json", head(name), "first 8 poems; title/author/lines/prologue each a paragraph"); n += 1
d = json.loads(show(name, "宋词/宋词三百首.json"))
paras = ["宋词三百首（选）"]
pick = [x for x in d if x["author"] in ("苏轼", "李之仪", "陆游", "晏几道") and "後" not in "".join(x["paragraphs"])][:7]
for po in pick:
    paras.append(f"{po['rhythmic']}　{po['author']}")
    # a ci as one paragraph per line pair
    paras.append("".join(po["paragraphs"]))
write(n, "zh-poems-songci", "classical ci poems", paras, "chinese-poetry/chinese-poetry", "宋词/宋词三百首.json", head(name),
      "7 ci by 苏轼/李之仪/陆游/晏几道 without 後; heading '词牌　作者', body one paragraph"); n += 1
d = json.loads(show(name, "论语/lunyu.json"))
paras = ["论语"]
for ch in d[:2]:
    paras.append(ch["chapter"])
    paras.extend(ch["paragraphs"])
write(n, "zh-classic-lunyu", "classical prose", paras, "chinese-poetry/chinese-poetry", "论语/lunyu.json", head(name), "学而篇, 为政篇"); n += 1
paras = md2txt(show(name, "README.md"))
write(n, "zh-readme-chinese-poetry", "README (Chinese tech)", paras[:70], "chinese-poetry/chinese-poetry", "README.md", head(name), "code blocks kept"); n += 1

# Tech docs
name = "ruanyf+es6tutorial"
paras = md2txt(show(name, "docs/let.md"))
write(n, "zh-tech-es6-let", "technical tutorial (Chinese, code)", paras[:75], "ruanyf/es6tutorial", "docs/let.md", head(name), "first 75 paragraphs"); n += 1
name = "OI-wiki+OI-wiki"
t = show(name, "docs/intro/faq.md")
paras = md2txt(t)
write(n, "zh-faq-oiwiki", "FAQ (Chinese)", paras[:60], "OI-wiki/OI-wiki", "docs/intro/faq.md", head(name), "'***' separators dropped"); n += 1
t = show(name, "docs/contest/icpc.md")
t = re.sub(r"^author:.*\n", "", t)
paras = md2txt(t)
write(n, "zh-wiki-icpc", "encyclopedia-style article", ["ICPC/CCPC"] + paras, "OI-wiki/OI-wiki", "docs/contest/icpc.md", head(name), "author: line dropped; title added"); n += 1

# Weekly
name = "ruanyf+weekly"
for iss in (300, 350):
    paras = md2txt(show(name, f"docs/issue-{iss}.md"))
    write(n, f"zh-blog-weekly-{iss}", "tech weekly/blog (brands, URLs)", paras[:70], "ruanyf/weekly", f"docs/issue-{iss}.md", head(name), "first 70 paragraphs"); n += 1

# Recipes
name = "Anduin2017+HowToCook"
for p in ("dishes/aquatic/水煮鱼.md", "dishes/vegetable_dish/西红柿炒鸡蛋.md"):
    paras = md2txt(show(name, p))
    write(n, "zh-recipe-" + ("fish" if "鱼" in p else "tomato-egg"), "recipe (Chinese)", paras, "Anduin2017/HowToCook", p, head(name), ""); n += 1

# extra Chinese
name = "Anduin2017+HowToCook"
p = "tips/learn/学习焯水.md"
write(n, "zh-howto-blanching", "how-to/tips (Chinese)", md2txt(show(name, p)), "Anduin2017/HowToCook", p, head(name), ""); n += 1
name = "OI-wiki+OI-wiki"
p = "docs/contest/oi.md"
t = re.sub(r"^author:.*\n", "", show(name, p))
write(n, "zh-wiki-oi-contests", "encyclopedia-style article", md2txt(t)[:80], "OI-wiki/OI-wiki", p, head(name), "author: line dropped; first 80 paragraphs"); n += 1
name = "tallusil+luxun-novel-analysis"
paras = lx_section("朝花夕拾", "藤野先生", "后记")
write(n, "zh-luxun-fujino", "modern prose/memoir", paras[:80], "tallusil/luxun-novel-analysis", "data/combined/朝花夕拾.txt", head(name), "藤野先生; hard-wrapped lines joined"); n += 1
name = "ruanyf+weekly"
paras = md2txt(show(name, "docs/issue-380.md"))
write(n, "zh-blog-weekly-380", "tech weekly/blog (brands, URLs)", paras[:70], "ruanyf/weekly", "docs/issue-380.md", head(name), "first 70 paragraphs"); n += 1
name = "YaaaFei+gov-work-report-corpus-demo"
p = "data/04_2026_auto_usable_parallel.csv"
rows = list(csv.DictReader(io.StringIO(show(name, p))))
g2 = {}
for r in rows:
    g2.setdefault(int(r["年度文件内行号"]), []).append(r)
ks = sorted(g2)
write(n, "zh-govreport-2026", "government work report", ["".join(r["中文"] for r in g2[k]) for k in ks][:50], "YaaaFei/gov-work-report-corpus-demo", p, head(name),
      "column 中文, rows grouped by 年度文件内行号, first 50 groups"); n += 1
ZH_END = n

# ================================================================ English
n = 31
zh_paras, en_paras, gcommit, gpath = GOV
write(n, "en-govreport-2024-a", "government work report (official English)", en_paras[:45], "YaaaFei/gov-work-report-corpus-demo", gpath, gcommit,
      "column 英文, rows grouped by 年度文件内行号, first 45 lines"); n += 1
write(n, "en-govreport-2024-b", "government work report (official English)", en_paras[45:80], "YaaaFei/gov-work-report-corpus-demo", gpath, gcommit,
      "column 英文, source line groups 46-80"); n += 1

name = "lykmapipo+US-Inaugural-Addresses"
for f in ("1865-abraham-lincoln", "1961-john-f-kennedy", "2013-barack-obama", "2021-joseph-r-biden"):
    p = f"data/raw/inaugural-addresses/{f}.txt"
    t = show(name, p)
    paras = [l.strip() for l in t.split("\n") if l.strip()]
    write(n, "en-speech-" + f, "speech (inaugural address)", paras[:80], "lykmapipo/US-Inaugural-Addresses", p, head(name), "one line per paragraph in source"); n += 1

name = "parallax-ai-llc+historical-parallax"
for a in ("ali-khamenei", "steve-jobs", "xi-jinping"):
    p = f"content/articles/{a}.md"
    t = show(name, p)
    fm = re.search(r'^name:\s*"(.*)"', t, re.M).group(1)
    paras = md2txt(t, title=fm)
    write(n, "en-wiki-" + a, "encyclopedia article (titles, brands)", paras[:70], "parallax-ai-llc/historical-parallax", p, head(name),
          "front matter dropped except name as title; [^n] footnote refs and definitions dropped; first 70 paragraphs"); n += 1

name = "LukeSmithxyz+based.cooking"
for r in ("banana-bread", "carbonara", "beef-stew"):
    p = f"content/{r}.md"
    paras = md2txt(show(name, p))
    write(n, "en-recipe-" + r, "recipe", paras, "LukeSmithxyz/based.cooking", p, head(name), "front-matter title kept as first line"); n += 1

name = "lancejpollard+text"
for slug, p, g in (("emancipation", "content/emancipation-proclamation/en.md", "legal/proclamation"),
                   ("rights-of-man", "content/declaration-of-the-rights-of-man/en.md", "legal/declaration (numbered articles)"),
                   ("alice-ch1", "content/alices-adventures-in-wonderland/en.md", "fiction (Gutenberg text)")):
    t = show(name, p)
    if slug == "rights-of-man":
        k = 0
        def num(m):
            global k
            k += 1
            return f"\n{k}. {m.group(1)}\n"
        t = re.sub(r"<li>(.*?)</li>", num, t, flags=re.S)
    paras = md2txt(t)
    if slug == "emancipation":
        paras = ["Emancipation Proclamation"] + paras
    if slug == "alice-ch1":
        paras = cut(paras, None, "The Pool of Tears")
    write(n, "en-" + slug, g, paras[:80], "lancejpollard/text", p, head(name)); n += 1

# Gutenberg
name = "GITenberg+News-from-Nowhere--Or-An-Epoch-of-Rest--13-Being-Some-Chapters-from-a-Utopian-Romance_3261"
t = show(name, "3261.txt")
i = t.index("CHAPTER II: A MORNING BATH")
j = t.index("CHAPTER III: THE GUEST HOUSE")
paras = unwrap_blocks(t[i:j])
write(n, "en-gutenberg-news-from-nowhere-ch2", "novel chapter (Gutenberg)", paras[:80],
      "GITenberg/News-from-Nowhere--Or-An-Epoch-of-Rest--13-Being-Some-Chapters-from-a-Utopian-Romance_3261", "3261.txt", head(name), "chapter II, lines unwrapped"); n += 1
name = "GITenberg+The-Devil-s-Dictionary_972"
n_dd = n
n += 1  # filled below after inspection
name = "GITenberg+Debian-GNULinux-Guide-to-Installation-and-Usage_6527"
DEB = name
n_deb = n
n += 1

name = "psf+requests"
paras = md2txt(show(name, "README.md"))
write(n, "en-readme-requests", "README (code, URLs)", paras, "psf/requests", "README.md", head(name)); n += 1
name = "rust-lang+book"
paras = md2txt(show(name, "src/ch01-02-hello-world.md"))
write(n, "en-tech-rustbook-hello", "technical documentation (code identifiers)", paras[:80], "rust-lang/book", "src/ch01-02-hello-world.md", head(name)); n += 1
name = "Homebrew+brew"
paras = md2txt(show(name, "docs/FAQ.md"))
write(n, "en-faq-homebrew", "FAQ (code, brands, emoji)", paras[:80], "Homebrew/brew", "docs/FAQ.md", head(name), "first 80 paragraphs"); n += 1
name = "carloscuesta+gitmoji"
paras = md2txt(show(name, "README.md"))
write(n, "en-readme-gitmoji", "README (emoji)", ["gitmoji"] + paras, "carloscuesta/gitmoji", "README.md", head(name), "title added; badge HTML dropped"); n += 1

STATE = dict(n=n, n_dd=n_dd, n_deb=n_deb)

# ---- Devil's Dictionary (letter A, first entries)
name = "GITenberg+The-Devil-s-Dictionary_972"
t = show(name, "972.txt")
i = t.index("\nA\n\n") + 1
j = t.index("\nACADEME, n.")
paras = []
for block in re.split(r"\n\s*\n", t[i:j]):
    ls = [l for l in block.split("\n") if l.strip()]
    if not ls:
        continue
    if all(l.startswith("  ") for l in ls):
        paras.append("\n".join(l.strip() for l in ls))   # verse: keep its lines
    else:
        paras.append(" ".join(l.strip() for l in ls))
paras = ["The Devil's Dictionary"] + paras
write(STATE["n_dd"], "en-gutenberg-devils-dictionary-A", "dictionary (Gutenberg; entries, verse)", paras[:80],
      "GITenberg/The-Devil-s-Dictionary_972", "972.txt", head(name), "section A up to ACADEME; verse lines kept as lines"); 

n = STATE["n_deb"]
name = "rust-lang+book"
paras = md2txt(show(name, "src/ch03-01-variables-and-mutability.md"))
paras = [p for p in paras if not _t(p).startswith("{{#")]
write(n, "en-tech-rustbook-variables", "technical documentation (code identifiers)", paras[:80], "rust-lang/book",
      "src/ch03-01-variables-and-mutability.md", head(name), "first 80 paragraphs; mdBook include directives dropped"); n = STATE["n"]

name = "lykmapipo+US-Inaugural-Addresses"
p = "data/raw/inaugural-addresses/1789-george-washington.txt"
paras = [l.strip() for l in show(name, p).split("\n") if l.strip()]
write(n, "en-speech-1789-george-washington", "speech (inaugural address)", paras, "lykmapipo/US-Inaugural-Addresses", p, head(name)); n += 1

name = "lancejpollard+text"
for slug, p, stop in (("origin-of-species-intro", "content/on-the-origin-of-species/en.md", "VARIATION UNDER DOMESTICATION"),
                      ("problems-of-philosophy-ch1", "content/problems-of-philosophy/en.md", "THE EXISTENCE OF MATTER")):
    t = show(name, p)
    t = re.sub(r"<small>(.*?)<small>", r"\n\1\n", t)
    paras = md2txt(t)
    paras = cut(paras, None, stop)
    write(n, "en-" + slug, "non-fiction book (Gutenberg text)", paras[:80], "lancejpollard/text", p, head(name), f"up to heading {stop}"); n += 1

name = "LukeSmithxyz+based.cooking"
for r in ("aglio-e-olio", "caesar-salad"):
    p = f"content/{r}.md"
    write(n, "en-recipe-" + r, "recipe", md2txt(show(name, p)), "LukeSmithxyz/based.cooking", p, head(name)); n += 1

name = "parallax-ai-llc+historical-parallax"
p = "content/articles/jeff-bezos.md"
t = show(name, p)
fm = re.search(r'^name:\s*"(.*)"', t, re.M).group(1)
write(n, "en-wiki-jeff-bezos", "encyclopedia article (brands)", md2txt(t, title=fm)[:70], "parallax-ai-llc/historical-parallax", p, head(name)); n += 1

name = "Homebrew+brew"
p = "docs/Installation.md"
t = re.sub(r"<sup>.*?</sup>", "", show(name, p))
write(n, "en-tech-homebrew-install", "technical documentation (paths, brands)", md2txt(t)[:80], "Homebrew/brew", p, head(name), "<sup> note refs dropped"); n += 1

with open(OUT.parent / "manifest.tsv", "w") as f:
    f.write("file\tlang\tgenre\tparagraphs_in_file\trepo\tpath\tcommit\tnote\n")
    for row in sorted(MANIFEST):
        f.write("\t".join(row) + "\n")
json.dump(EXPECT, open("/tmp/p10/audit/expected_kinds.json", "w"), ensure_ascii=False)
print(len(MANIFEST), "documents")
