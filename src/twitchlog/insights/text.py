"""The analysis as plain text, for the ``twitchlog insights`` command."""

from twitchlog.insights.report import Report
from twitchlog.knowledge.factors import OUTCOMES


def report_text(report: Report) -> str:
    lines = [f"{OUTCOMES[report.outcome]}: {report.days_used} logged days analysed.", ""]
    sections = (
        ("Likely drivers", ("raises", "lowers")),
        ("No clear effect yet", ("no_clear_effect",)),
        ("Not enough data", ("not_enough_data",)),
    )
    findings = [f for f in report.findings if f.kind != "load"]
    for title, verdicts in sections:
        chosen = [f for f in findings if f.verdict in verdicts]
        if not chosen:
            continue
        lines.append(title)
        for finding in chosen:
            lines.append(f"  - {finding.summary}")
        lines.append("")
    load = report.load
    lines.append("Stress load (anxiety episodes that build up over days)")
    lines.append(f"  - {load.summary}")
    if load.available and load.time_constant_days is not None:
        lines.append(
            f"    Best-fitting time constant {load.time_constant_days:g} days "
            f"(p = {load.p_value:.3g}, q = {load.q_value:.3g})."
            if load.p_value is not None and load.q_value is not None
            else f"    Best-fitting time constant {load.time_constant_days:g} days."
        )
    lines += [
        "",
        "Drivers are associations in your own diary, checked against chance across all tests;",
        "they are not a diagnosis. docs/insights.md explains the method.",
    ]
    return "\n".join(lines)
