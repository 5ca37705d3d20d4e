"""Check the pinned dependencies (constraints.txt) against PyPI's advisory data with pip-audit.

Fails when a pinned version has a known vulnerability that has not been reviewed and accepted
in .ci/accepted-advisories.txt (one advisory id a line, then "#" and why it does not apply or
when it will be fixed). When the advisory data cannot be reached (no network, or a registry
mirror without PyPI's JSON API, as on the development machines), it says plainly that nothing
was checked and passes: a missing answer is not a finding, and is never reported as "no
known vulnerabilities".
"""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def accepted() -> list[str]:
    ids = []
    for line in (HERE / "accepted-advisories.txt").read_text().splitlines():
        advisory = line.split("#", 1)[0].strip()
        if advisory:
            if "#" not in line:
                sys.exit(f"accepted-advisories.txt: say why {advisory} is accepted, after a #")
            ids.append(advisory)
    return ids


def main() -> int:
    command = [sys.executable, "-m", "pip_audit", "--requirement", str(ROOT / "constraints.txt"),
               "--no-deps", "--disable-pip", "--vulnerability-service", "pypi",
               "--progress-spinner", "off", "--format", "json"]  # fmt: skip
    for advisory in accepted():
        command += ["--ignore-vuln", advisory]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print("pip-audit could not run; the dependencies were not checked this time:")
        print(done.stderr.strip()[-2000:])
        return 0
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    found = [(d, v) for d in audited for v in d.get("vulns", [])]
    for dependency, vuln in found:
        fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if found:
        print(f"{len(found)} known vulnerabilities. Upgrade the pin, or review and accept the "
              "advisory in .ci/accepted-advisories.txt.")  # fmt: skip
        return 1
    if not audited:
        print(f"pip-audit: PyPI's advisory data could not be reached for any of the "
              f"{len(dependencies)} pinned packages; nothing was checked this time.")  # fmt: skip
        return 0
    skipped = len(dependencies) - len(audited)
    print(f"pip-audit: no known vulnerabilities in {len(audited)} pinned packages"
          + (f" ({skipped} could not be looked up)" if skipped else "") + ".")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
