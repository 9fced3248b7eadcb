"""A small headless-Chromium driver over the DevTools protocol (``--remote-debugging-pipe``), stdlib only.

Chromium reads NUL-terminated JSON commands on fd 3 and writes replies and events
on fd 4. Enough of the protocol for the report's tests and benchmark: open a page,
wait until its script says it is ready, evaluate expressions, press keys, take a
screenshot.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def find_chromium() -> str | None:
    """The system Chromium (Debian's ``chromium`` package), or None; ``$TOOLKIT_CHROMIUM`` overrides
    the search (a path that is not an executable means "no Chromium")."""
    env = os.environ.get("TOOLKIT_CHROMIUM")
    if env is not None:
        return env if os.access(env, os.X_OK) else None
    for c in CHROMIUM_CANDIDATES:
        if os.access(c, os.X_OK):
            return c
    return shutil.which("chromium")


class CDPError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, executable: str, width: int = 1400, height: int = 1000, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="toolkit-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire() -> None:  # in the child: the pipe ends at fd 3 (commands in) and 4 (replies out)
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             "--disable-dev-shm-usage", "--remote-debugging-pipe", f"--user-data-dir={self._profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False,  # fds 3 and 4 must survive exec
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": False})

    # -- protocol ------------------------------------------------------------------------
    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise CDPError("timed out waiting for Chromium")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise CDPError("Chromium closed the DevTools pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)  # type: ignore[no-any-return]

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._id += 1
        mid = self._id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == mid:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})  # type: ignore[no-any-return]
            if "method" in reply:
                self.events.append(reply)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command to the page's session."""
        return self.call(method, params, self.session)

    def wait_event(self, method: str, timeout: float | None = None) -> dict[str, Any]:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == method:
                    return self.events.pop(i)
            msg = self._read_message(deadline)
            if "method" in msg:
                self.events.append(msg)

    # -- page ----------------------------------------------------------------------------
    def open(self, path: str | Path, fragment: str = "",
             ready: str = "document.documentElement.dataset.ready === 'true'") -> float:
        """Load a file (``#fragment`` optional) and wait for ``ready``; returns seconds from navigation to ready."""
        self.events.clear()
        t0 = time.perf_counter()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else "")})
        self.wait_event("Page.loadEventFired")
        deadline = time.monotonic() + self.timeout
        while not self.eval(ready):
            if time.monotonic() > deadline:
                raise CDPError("the page never became ready")
            time.sleep(0.01)
        return time.perf_counter() - t0

    def eval(self, expression: str) -> Any:
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise CDPError(f"{expression!r}: {r['exceptionDetails'].get('exception', {}).get('description')}")
        return r["result"].get("value")

    def key(self, key: str) -> None:
        """Press and release one key on the focused element (or the body)."""
        code = {"ArrowDown": "ArrowDown", "ArrowUp": "ArrowUp"}.get(key, f"Key{key.upper()}" if len(key) == 1 else key)
        base: dict[str, Any] = {"key": key, "code": code}
        if len(key) == 1:
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": key, **base})
        else:
            self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **base})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def screenshot(self, path: str | Path, full_page: bool = False, clip_selector: str | None = None) -> None:
        params: dict[str, Any] = {"format": "png"}
        if clip_selector:
            box = self.eval(f"(() => {{ const r = document.querySelector({json.dumps(clip_selector)})"
                            ".getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()")
            params["clip"] = {"x": box[0], "y": box[1], "width": box[2], "height": box[3], "scale": 1}
            params["captureBeyondViewport"] = True
        elif full_page:
            size = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (CDPError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.report.cdp REPORT.html OUT.png [--fragment doc=2] [--scroll-to ID]``: one screenshot."""
    import argparse

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("page")
    ap.add_argument("png")
    ap.add_argument("--fragment", default="")
    ap.add_argument("--scroll-to", metavar="ID", help="scroll this element to the top first")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1000)
    a = ap.parse_args(argv)
    exe = find_chromium()
    if exe is None:
        print("chromium not found", flush=True)
        return 2
    with Chromium(exe, a.width, a.height) as c:
        c.open(a.page, a.fragment)
        if a.scroll_to:
            c.eval(f"document.getElementById({json.dumps(a.scroll_to)}).scrollIntoView()")
        c.screenshot(a.png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
