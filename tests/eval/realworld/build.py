"""Assemble the real-world dev set from the WMT22/WMT24 general-task repositories.

Run once (needs the two repositories as bare git dirs, e.g. from ``git clone --bare``):

    python tests/eval/realworld/build.py WMT22_GIT_DIR WMT24_GIT_DIR

It writes ``docs/*.txt`` and ``labels.yaml``. The text of every document is real (WMT22
zh->en system outputs and their Chinese sources; WMT24 en->zh English sources and
Chinese system outputs); the page layout around it (line breaks, a byline/date line,
a few page-furniture lines) is added here, and every added line is labelled. Labels
that depend on the text itself (datelines inside a first paragraph) are written by hand
in ``DATELINES`` below after reading each document.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
W22_COMMIT = "20240a2e96a50e823ea8cdf37fd8af52547146e3"
W24_COMMIT = "bfa937ee53586aa173d68657b89b8642693f7b66"


# The site names that end the WMT22 page titles ("… - Xinhuanet", "…-新华网"), read by hand: the
# record's title is the headline without them (the metadata stage keeps the name as site_name).
TITLE_SITES = ("Rolling News - Hunan Daily - Huasheng Online", "Hunan Daily-Huasheng Online", "Xinhua English.news.cn", "Xinhuanet", "Xinhua Net",
               "Xinhua", "新华网")


def headline(title: str) -> str:
    for site in TITLE_SITES:
        for sep in (" - ", "-"):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].rstrip()
    return title


def show(git_dir: str, commit: str, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").split("\n")


# (first line, last line) 0-based inclusive in generaltest2022.zh-en.src.zh; layout; system.
W22 = [
    ("w22-zju-students", (3, 30), "plain", "Online-B"),
    ("w22-chongqing-apprentice", (156, 165), "wire", "NiuTrans"),
    ("w22-children-center", (191, 196), "plain", "HuaweiTSC"),
    ("w22-omicron-south-africa", (205, 221), "wire", "JDExploreAcademy"),
    ("w22-abducted-children", (244, 272), "nohead", "LanguageX"),
    ("w22-yang-haodong", (273, 278), "plain", "Online-W"),
    ("w22-beijing-graduates", (279, 282), "zh", "src"),
    ("w22-democracy-summit-voa", (317, 346), "plain-furniture", "Online-A"),
    ("w22-jiangxi-training", (380, 384), "interleaved", "DLUT"),
    ("w22-beverage-awards", (431, 443), "nohead", "AISP-SJTU"),
    ("w22-youth-hockey", (449, 454), "plain", "Lan-Bridge"),
    ("w22-archery-girl", (455, 474), "wire", "Online-Y"),
    ("w22-home-credit", (514, 527), "zh", "src"),
    ("w22-gulf-council", (534, 554), "wire", "Online-G"),
    ("w22-university-spirit", (579, 596), "nohead", "Online-B"),
    ("w22-iran-president", (601, 606), "plain", "NiuTrans"),
    ("w22-xi-bay-area", (609, 614), "zh", "src"),
    ("w22-guangxi-students", (621, 628), "interleaved", "HuaweiTSC"),
    ("w22-macau-doctorates", (629, 655), "plain-views", "JDExploreAcademy"),
    ("w22-ivy-league", (740, 751), "plain", "Online-W"),
    ("w22-factory-lawsuit", (759, 770), "nohead", "LanguageX"),
    ("w22-democracy-summit-dw", (771, 785), "nohead", "Online-A"),
    ("w22-university-exams", (816, 838), "plain-furniture2", "DLUT"),
    ("w22-sabah-babies", (901, 911), "zh-furniture", "src"),
    ("w22-peoples-daily", (917, 932), "plain", "AISP-SJTU"),
    ("w22-beijing-specialty", (963, 970), "interleaved", "Lan-Bridge"),
    ("w22-bosnia-olympics", (975, 983), "plain", "Online-A"),
    ("w22-nucleic-acid", (1018, 1028), "plain", "Online-Y"),
    ("w22-youtube-video", (1049, 1059), "zh", "src"),
    ("w22-qinghai-carp", (1129, 1138), "plain", "Online-G"),
    ("w22-tea-expo", (1193, 1204), "plain", "NiuTrans"),
    ("w22-saudi-biennale", (1380, 1388), "interleaved", "Online-B"),
    ("w22-yunnan-posts", (1412, 1417), "nohead", "HuaweiTSC"),
    ("w22-omicron-mauritius", (1483, 1494), "plain", "JDExploreAcademy"),
    ("w22-geminids", (1548, 1565), "zh", "src"),
    ("w22-vietnam-digital", (1715, 1730), "wire", "LanguageX"),
    ("w22-rail-talent", (1741, 1748), "plain", "Online-W"),
    ("w22-yangtze-service", (1780, 1786), "interleaved", "Online-A"),
    ("w22-carriers-guam", (1787, 1807), "plain", "DLUT"),
    ("w22-china-vietnam-drill", (1867, 1874), "zh-furniture", "src"),
]
# Two files holding two articles each (positive evidence: a headline with its own date line).
GLUED = [
    ("w22-glued-graduates-bayarea", [(279, 282), (609, 614)], "en", "Online-B"),
    ("w22-glued-carp-drill-zh", [(1129, 1138), (1867, 1874)], "zh", "src"),
]
# WMT24 en->zh news documents: (doc id suffix, layout, system).
W24 = [
    ("w24-csmonitor-equality", "csmonitor.com.7750", "zh", "GPT-4"),
    ("w24-economist-strikes", "economist.14223", "zh", "ONLINE-B"),
    ("w24-euronews-brewers", "euronews-en.43091", "interleaved", "ONLINE-B"),
    ("w24-bitcoin-etf", "pa.52742", "plain", "src"),
    ("w24-rt-language", "rt.com.54499", "wire", "src"),
    ("w24-scotsman-recycling", "scotsman.87448", "interleaved", "GPT-4"),
    ("w24-scotsman-greggs", "scotsman.87462", "zh", "Claude-3.5"),
    ("w24-seattle-737max", "seattle_times.800119", "nohead", "src"),
]

WIRE = {  # byline name, agency, dateline place
    "w22-chongqing-apprentice": ("Li Wei", "China Daily", "CHONGQING"),
    "w22-omicron-south-africa": ("Anita Powell", "VOA", "JOHANNESBURG"),
    "w22-archery-girl": ("Zhang Yi", "Xinhua", "HANGZHOU"),
    "w22-gulf-council": ("Nguyen Thu Ha", "Nhan Dan", "RIYADH"),
    "w22-vietnam-digital": ("Tran Minh", "Nhan Dan", "HANOI"),
    "w24-rt-language": ("Ivan Petrov", "RT", "MOSCOW"),
}
ZH_SOURCE = {
    "w22-beijing-graduates": "新华网", "w22-home-credit": "经济观察网", "w22-xi-bay-area": "新华网",
    "w22-sabah-babies": "亚庇新闻网", "w22-youtube-video": "新华网", "w22-geminids": "新华网",
    "w22-china-vietnam-drill": "新华网", "w24-csmonitor-equality": "基督教科学箴言报",
    "w24-economist-strikes": "经济学人", "w24-scotsman-greggs": "苏格兰人报", "w22-qinghai-carp": "新华网",
}

# Lines of the real text whose removal is fine but not required (captions, credits).
OPTIONAL = {
    "w22-youtube-video": ["（视频来源：油管）"],
    "w22-carriers-guam": ["The picture shows China's Yongshan Island in the Nansha Islands."],
}

# Hand labels for metadata carried inside the text (a dateline opening the first paragraph),
# read off each document: field -> value. Dates are compared as (month, day[, year]).
DATELINES: dict[str, dict[str, str]] = {
    "w22-children-center": {"source_name": "Xinhua News Agency", "date": "May 20"},
    "w22-yang-haodong": {"source_name": "Hunan Daily", "date": "December 10"},
    "w22-iran-president": {"source_name": "Xinhua", "date": "Dec. 11"},
    "w22-ivy-league": {"source_name": "Xinhua", "date": "May 23"},
    "w22-peoples-daily": {"source_name": "Xinhua News Agency", "date": "December 11"},
    "w22-bosnia-olympics": {"source_name": "Xinhua", "date": "11 Dec"},
    "w22-nucleic-acid": {"source_name": "Xinhua News Agency", "date": "December 11"},
    "w22-qinghai-carp": {"source_name": "Xinhua News Agency", "date": "December 11"},
    "w22-tea-expo": {"source_name": "Hunan Daily", "date": "December 10"},
    "w22-omicron-mauritius": {"source_name": "Xinhua news agency", "date": "December 12"},
    "w22-rail-talent": {"source_name": "Hunan Daily", "date": "December 10"},
    "w22-yunnan-posts": {"source_name": "Xinhua News Agency", "date": "December 12"},
}


def build(w22: str, w24: str) -> None:
    src = show(w22, W22_COMMIT, "txt/sources/generaltest2022.zh-en.src.zh")
    hyp: dict[str, list[str]] = {}

    def en22(system: str) -> list[str]:
        if system not in hyp:
            hyp[system] = show(w22, W22_COMMIT, f"txt/system-outputs/generaltest2022.zh-en.hyp.{system}.en")
        return hyp[system]

    docs24 = [line.split("\t") for line in show(w24, W24_COMMIT, "txt-ts/documents/en-zh.docs")]
    src24 = show(w24, W24_COMMIT, "txt-ts/sources/en-zh.txt")
    out24: dict[str, list[str]] = {}

    def zh24(system: str) -> list[str]:
        if system not in out24:
            out24[system] = show(w24, W24_COMMIT, f"txt-ts/system-outputs/en-zh/{system}.txt")
        return out24[system]

    labels = []
    outdir = HERE / "docs"
    outdir.mkdir(exist_ok=True)
    for old in outdir.glob("*.txt"):
        old.unlink()

    def emit(name: str, lines: list[str], label: dict) -> None:
        (outdir / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        labels.append({"file": f"{name}.txt", **label})

    for name, (a, b), layout, system in W22:
        zh = [s.strip() for s in src[a : b + 1]]
        en = [s.strip() for s in en22(system)[a : b + 1]] if system != "src" else []
        origin = {"corpus": "wmt22 generaltest2022.zh-en", "lines": [a + 1, b + 1], "system": system}
        label: dict = {"origin": origin, "layout": layout.split("-")[0], "documents": 1, "boilerplate": [],
                       "metadata_lines": [], "metadata": dict(DATELINES.get(name, {}))}
        if layout.startswith("plain"):
            lines = [en[0], ""]
            for p in en[1:]:
                lines += [p, ""]
            label["title"] = headline(en[0])
            if layout == "plain-furniture":
                lines = lines + ["Share this article", "", "Related News", "", "Editor: Zhang Min"]
                label["boilerplate"] = ["Share this article", "Related News"]
                label["metadata_lines"] = ["Editor: Zhang Min"]
                label["metadata"]["editors"] = ["Zhang Min"]
            if layout == "plain-furniture2":
                lines = ["Home > Education > Campus", ""] + lines + ["(End)", "",
                                                                     "Copyright © 2021 Xinhua Net. All rights reserved."]
                label["boilerplate"] = ["Home > Education > Campus", "(End)",
                                        "Copyright © 2021 Xinhua Net. All rights reserved."]
            if layout == "plain-views":
                lines = lines[:2] + ["2021-12-11 16:20", "", "Views: 3,571", ""] + lines[2:]
                label["boilerplate"] = ["Views: 3,571"]
                label["metadata_lines"] = ["2021-12-11 16:20"]
                label["metadata"]["date"] = "2021-12-11"
        elif layout == "wire":
            by, agency, place = WIRE[name]
            lines = [en[0], "", f"By {by} | {agency} | Updated: 2021-12-11 10:32", "",
                     f"{place}, Dec. 11 ({agency}) -- {en[1]}", ""]
            for p in en[2:]:
                lines += [p, ""]
            label["title"] = headline(en[0])
            label["metadata_lines"] = [f"By {by} | {agency} | Updated: 2021-12-11 10:32"]
            label["metadata"].update({"byline": by, "source_name": agency, "date": "2021-12-11"})
        elif layout == "nohead":
            lines = []
            for p in en:
                lines += [p, ""]
            label["title"] = None
        elif layout.startswith("zh"):
            site = ZH_SOURCE[name]
            lines = [zh[0], f"2021-12-11 08:15\u3000来源：{site}"] + zh[1:]
            label["title"] = headline(zh[0])
            label["metadata_lines"] = [lines[1]]
            label["metadata"] = {"date": "2021-12-11", "source_name": site}
            if layout == "zh-furniture":
                lines += ["【纠错】", "责任编辑：王超", "扫一扫在手机打开当前页"]
                label["boilerplate"] = ["【纠错】", "扫一扫在手机打开当前页"]
                label["metadata_lines"].append("责任编辑：王超")
                label["metadata"]["editors"] = ["王超"]
            label["lang"] = "zh"
        elif layout == "interleaved":
            lines = [en[0], ""]
            pairs = []
            for z, e in zip(zh[1:], en[1:]):
                lines += [z, "", e, ""]
                pairs.append([z, e])
            label["title"] = headline(en[0])
            label["pairs"] = pairs
        else:
            raise ValueError(layout)
        label.setdefault("lang", "en")
        if name in OPTIONAL:
            label["optional_remove"] = OPTIONAL[name]
        emit(name, lines, label)

    for name, ranges, lang, system in GLUED:
        lines: list[str] = []
        titles = []
        date_lines = []
        for k, (a, b) in enumerate(ranges):
            text = [s.strip() for s in (src if system == "src" else en22(system))[a : b + 1]]
            day = 11 + k
            if lang == "zh":
                date_lines.append(f"2021-12-{day} 08:15\u3000来源：新华网")
                lines += [text[0], date_lines[-1]] + text[1:]
            else:
                date_lines.append(f"2021-12-{day} 10:32 Source: Xinhua")
                lines += [text[0], "", date_lines[-1], ""]
                for p in text[1:]:
                    lines += [p, ""]
            titles.append(headline(text[0]))
        emit(name, lines, {"origin": {"corpus": "wmt22 generaltest2022.zh-en", "lines": [[a + 1, b + 1] for a, b in ranges],
                                      "system": system}, "layout": "glued", "documents": 2, "title": titles[0],
                           "titles": titles, "boilerplate": [], "metadata_lines": date_lines,
                           "metadata": {"date": "2021-12-11", "source_name": "新华网" if lang == "zh" else "Xinhua"},
                           "lang": lang})

    for name, suffix, layout, system in W24:
        idx = [i for i, x in enumerate(docs24) if len(x) > 1 and x[1].endswith(suffix)]
        en = [src24[i].strip() for i in idx]
        zh = [zh24(system)[i].strip() for i in idx] if system != "src" else []
        origin = {"corpus": "wmt24 en-zh (txt-ts)", "lines": [idx[0] + 1, idx[-1] + 1], "system": system,
                  "doc": docs24[idx[0]][1]}
        label = {"origin": origin, "layout": layout, "documents": 1, "boilerplate": [], "metadata_lines": [], "metadata": {}}
        if layout == "zh":
            site = ZH_SOURCE[name]
            lines = [zh[0], f"2024-01-10 08:15\u3000来源：{site}"] + zh[1:]
            label.update(title=headline(zh[0]), metadata_lines=[lines[1]], metadata={"date": "2024-01-10", "source_name": site}, lang="zh")
        elif layout == "interleaved":
            lines = [en[0], ""]
            for z, e in zip(zh[1:], en[1:]):
                lines += [z, "", e, ""]
            label.update(title=en[0], pairs=[[z, e] for z, e in zip(zh[1:], en[1:])])
        elif layout == "plain":
            lines = [en[0], ""]
            for p in en[1:]:
                lines += [p, ""]
            label["title"] = headline(en[0])
        elif layout == "wire":
            by, agency, place = WIRE[name]
            lines = [en[0], "", f"By {by} | {agency} | Updated: 2024-01-10 10:32", "", f"{place}, Jan. 10 ({agency}) -- {en[1]}", ""]
            for p in en[2:]:
                lines += [p, ""]
            label.update(title=en[0], metadata_lines=[lines[2]], metadata={"byline": by, "source_name": agency, "date": "2024-01-10"})
        elif layout == "nohead":
            lines = []
            for p in en[1:]:
                lines += [p, ""]
            label["title"] = None
        label.setdefault("lang", "en")
        emit(name, lines, label)

    header = ("# Labels of the real-world dev set (see README.md). Written by build.py; hand-made parts are\n"
              "# build.py's DATELINES, WIRE and ZH_SOURCE tables. Flag and edit judgements: judgements.yaml.\n")
    (HERE / "labels.yaml").write_text(header + yaml.safe_dump(labels, allow_unicode=True, sort_keys=False, width=200),
                                      encoding="utf-8")
    print(f"{len(labels)} documents")


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
