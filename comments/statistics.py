"""Public statistics of a consultation once it has closed: formal remarks per chapter and per
paragraph of the draft, the share of each of the city's positions among the answered remarks,
and how the remarks arrived (channel).

Every remark counts, whatever its channel (online, paper, e-mail, ePUAP, meeting) and
moderation status; only removed ones do not. The numbers come from one grouped query, folded
here into charts; the template draws each chart as plain HTML/CSS bars with a table of the
same numbers underneath (consultations/includes/statistics.html).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comments.models import Channel, Comment, Kind, Outcome


@dataclass
class Bar:
    label: str
    count: int
    share: int = 0  # percent of the chart's total, shown in words
    width: int = 0  # percent of the longest bar, for drawing only
    group: str = ""  # the chapter of a paragraph
    is_draft_text: bool = True  # the label quotes the (Polish) draft


@dataclass
class Chart:
    slug: str
    caption: str
    label_heading: str
    total: int = 0
    bars: list[Bar] = field(default_factory=list)
    group_heading: str = ""

    def finish(self) -> "Chart":
        self.total = sum(bar.count for bar in self.bars)
        longest = max((bar.count for bar in self.bars), default=0)
        for bar in self.bars:
            bar.share = round(100 * bar.count / self.total) if self.total else 0
            bar.width = round(100 * bar.count / longest) if longest else 0
        return self


@dataclass
class ConsultationStatistics:
    remarks: int
    answered: int
    charts: list[Chart]


def _remark_counts(page) -> list[dict]:
    """One row per (paragraph, channel, outcome) with its number of remarks: one query."""
    return list(
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            object_pk=str(page.pk),
            kind=Kind.REMARK,
            is_removed=False,
        )
        .order_by()
        .values("paragraph_id", "paragraph_label", "channel", "position__outcome")
        .annotate(count=Count("pk"))
    )


def consultation_statistics(page, *, chapters: list[dict]) -> ConsultationStatistics:
    """The statistics of `page`; `chapters` are those of its newest public version (document
    order, chapter titles). Remarks on paragraphs that version no longer has are counted
    under their own number; remarks on the whole draft have their own row."""
    rows = _remark_counts(page)

    in_draft = {paragraph["id"] for chapter in chapters for paragraph in chapter["paragraphs"]}

    per_paragraph: dict[str, int] = {}
    removed_labels: dict[str, str] = {}
    per_channel: dict[str, int] = {}
    per_outcome: dict[str, int] = {}
    for row in rows:
        key = row["paragraph_id"]
        per_paragraph[key] = per_paragraph.get(key, 0) + row["count"]
        if key and key not in in_draft:
            removed_labels.setdefault(key, row["paragraph_label"] or key)
        per_channel[row["channel"]] = per_channel.get(row["channel"], 0) + row["count"]
        if row["position__outcome"]:
            outcome = row["position__outcome"]
            per_outcome[outcome] = per_outcome.get(outcome, 0) + row["count"]

    whole_draft = per_paragraph.pop("", 0)
    removed = sum(per_paragraph.get(key, 0) for key in removed_labels)

    by_chapter = Chart(
        slug="rozdzialy",
        caption=_("Formal remarks per chapter of the draft"),
        label_heading=pgettext_lazy("statistics", "Chapter"),
    )
    for chapter in chapters:
        count = sum(per_paragraph.get(paragraph["id"], 0) for paragraph in chapter["paragraphs"])
        by_chapter.bars.append(Bar(label=chapter["title"], count=count))
    if removed:
        by_chapter.bars.append(
            Bar(label=_("paragraphs removed in later versions"), count=removed, is_draft_text=False)
        )
    if whole_draft:
        by_chapter.bars.append(
            Bar(label=_("the whole draft"), count=whole_draft, is_draft_text=False)
        )

    by_paragraph = Chart(
        slug="jednostki",
        caption=_("Formal remarks per paragraph of the draft (paragraphs with remarks)"),
        label_heading=pgettext_lazy("statistics", "Paragraph"),
        group_heading=pgettext_lazy("statistics", "Chapter"),
    )
    for chapter in chapters:
        for paragraph in chapter["paragraphs"]:
            count = per_paragraph.get(paragraph["id"], 0)
            if count:
                by_paragraph.bars.append(
                    Bar(label=paragraph["label"], count=count, group=chapter["title"])
                )
    for key, label in removed_labels.items():
        by_paragraph.bars.append(
            Bar(label=label, count=per_paragraph[key], group=_("removed in later versions"))
        )
    if whole_draft:
        by_paragraph.bars.append(
            Bar(label=_("the whole draft"), count=whole_draft, is_draft_text=False)
        )

    by_position = Chart(
        slug="stanowiska",
        caption=_("The city's positions on the answered remarks"),
        label_heading=pgettext_lazy("statistics", "Position"),
    )
    for value, label in Outcome.choices:
        by_position.bars.append(
            Bar(label=label, count=per_outcome.get(value, 0), is_draft_text=False)
        )

    by_channel = Chart(
        slug="kanaly",
        caption=_("How the remarks were submitted"),
        label_heading=pgettext_lazy("statistics", "Channel"),
    )
    for value, label in Channel.choices:
        if per_channel.get(value):
            by_channel.bars.append(Bar(label=label, count=per_channel[value], is_draft_text=False))

    charts = [by_chapter.finish(), by_paragraph.finish(), by_channel.finish()]
    answered = sum(per_outcome.values())
    if answered:
        charts.insert(2, by_position.finish())
    return ConsultationStatistics(
        remarks=sum(row["count"] for row in rows), answered=answered, charts=charts
    )
