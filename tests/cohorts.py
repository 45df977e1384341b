"""Applications for matching tests: a factory with sensible defaults, a hypothesis strategy for
random cohorts, and an independent check of the hard rules (written apart from the engine's)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from upward.model.applications import SLOTS, Application, MatchRules

TOPICS = ("social-media", "ai-and-emerging-tech", "digital-tools", "younger-customers")
TITLES = {
    "social-media": "Social media and a leader's presence online",
    "ai-and-emerging-tech": "AI and emerging technology",
    "digital-tools": "Digital tools and everyday habits",
    "younger-customers": "Understanding younger customers",
}


def person(role: str, name: str, **answers: Any) -> Application:
    """An application; the e-mail is the name's first word at example.org."""
    email = answers.pop("email", f"{name.split()[0].lower()}@example.org")
    defaults: dict[str, Any] = {
        "team": f"Team of {name}",
        "availability": ("tue-am",),
        "channel": ("video",),
        "format": "one-to-one",
    }
    if role == "mentor":
        defaults |= {"line_manager_email": "boss@example.org", "topics_offered": ("social-media",)}
    else:
        defaults |= {"topics_wanted": ("social-media",)}
    return Application(role=role, full_name=name, email=email, **(defaults | answers))


def independent_violations(
    people: dict[str, Application], pairs: list[tuple[str, str]], rules: MatchRules
) -> list[str]:
    """Every hard rule a list of pairs breaks, checked the plain way (no arrays, no engine)."""
    managers = {a.email: a.line_manager_email for a in people.values() if a.line_manager_email}
    limit = rules.reporting_levels or 99

    def above(a: Application) -> dict[str, int]:
        found: dict[str, int] = {}
        starts = [(a.line_manager_email, 1)] + [(e, i + 2) for i, e in enumerate(a.senior_line)]
        for email, level in starts:
            seen = 0
            while email and seen < 60:
                if email not in found or found[email] > level:
                    found[email] = level
                email, level, seen = managers.get(email, ""), level + 1, seen + 1
        return found

    broken = []
    load: dict[str, int] = {}
    mentees: set[str] = set()
    for mentor_email, mentee_email in pairs:
        mentor, mentee = people[mentor_email], people[mentee_email]
        load[mentor_email] = load.get(mentor_email, 0) + 1
        if mentee_email in mentees:
            broken.append(f"{mentee_email} twice")
        mentees.add(mentee_email)
        never = limit + 1
        if (
            above(mentor).get(mentee_email, never) <= limit
            or above(mentee).get(mentor_email, never) <= limit
        ):
            broken.append(f"reporting line {mentor_email} {mentee_email}")
        if not rules.same_team and mentor.team_key and mentor.team_key == mentee.team_key:
            broken.append(f"same team {mentor_email} {mentee_email}")
        if mentee_email in mentor.prefer_not or mentor_email in mentee.prefer_not:
            broken.append(f"prefer-not {mentor_email} {mentee_email}")
        if rules.shared_time and not set(mentor.availability) & set(mentee.availability):
            broken.append(f"no time {mentor_email} {mentee_email}")
    for email, count in load.items():
        if count > people[email].capacity:
            broken.append(f"over capacity {email}")
    return broken


@st.composite
def cohorts(draw: st.DrawFn, max_mentors: int = 6, max_mentees: int = 7) -> list[Application]:
    """Small random cohorts with every rule in play: shared teams, managers who also applied,
    senior lines, prefer-nots, sparse availability, capacities 1-3."""
    m = draw(st.integers(1, max_mentors))
    n = draw(st.integers(1, max_mentees))
    teams = ["A", "B", "C"]
    mentor_emails = [f"mentor{i}@example.org" for i in range(m)]
    mentee_emails = [f"mentee{j}@example.org" for j in range(n)]
    everyone = mentor_emails + mentee_emails + ["ceo@example.org"]
    slot = st.sampled_from(SLOTS[:4])  # few slots: overlaps and misses both happen
    people: list[Application] = []
    for i, email in enumerate(mentor_emails):
        people.append(
            Application(
                role="mentor",
                full_name=f"Mentor {i}",
                email=email,
                team=draw(st.sampled_from(teams)),
                line_manager_email=draw(st.sampled_from([*mentee_emails, "ceo@example.org"])),
                senior_line=tuple(
                    draw(st.lists(st.sampled_from(mentee_emails), max_size=2, unique=True))
                ),
                availability=tuple(draw(st.lists(slot, min_size=1, max_size=3, unique=True))),
                channel=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(("video", "phone")), min_size=1, max_size=2, unique=True
                        )
                    )
                ),
                topics_offered=tuple(
                    draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True))
                ),
                capacity=draw(st.integers(1, 3)),
                prefer_not=tuple(draw(st.lists(st.sampled_from(mentee_emails), max_size=1))),
            )
        )
    for j, email in enumerate(mentee_emails):
        managers = [e for e in everyone if e != email]
        people.append(
            Application(
                role="mentee",
                full_name=f"Mentee {j}",
                email=email,
                team=draw(st.sampled_from(teams)),
                line_manager_email=draw(st.sampled_from(managers)),
                availability=tuple(draw(st.lists(slot, min_size=1, max_size=3, unique=True))),
                channel=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(("video", "phone")), min_size=1, max_size=2, unique=True
                        )
                    )
                ),
                topics_wanted=tuple(
                    draw(st.lists(st.sampled_from(TOPICS), max_size=3, unique=True))
                ),
                prefer_not=tuple(draw(st.lists(st.sampled_from(mentor_emails), max_size=1))),
                preferences=tuple(
                    draw(st.lists(st.sampled_from(mentor_emails), max_size=2, unique=True))
                ),
            )
        )
    return people
