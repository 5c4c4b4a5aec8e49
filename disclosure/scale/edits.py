"""The local edits a county clerk makes to a freshly derived catalog.

Audience, mode and levels ticked where the standard left them open, a few
items omitted with a reason, local supplements, third-level sub-items,
shorter time limits and extra channels, drawn from the county's RNG. Every
edit keeps the catalog valid under ``catalogs.validation``: limits only get
shorter, channels are only added, supplements do not overlap a standard item.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from catalogs.legalbases import parse_citation
from catalogs.models import Item, ItemOrigin, LegalBasis, TimeLimitKind, TimeLimitUnit
from catalogs.timelimits import time_limit_columns

# Local wording, as county catalogs word it (data, not interface text).
OMISSION_REASONS = (
    "本县无此项职能，由市级主管部门办理。",
    "该事项已划转县行政审批服务局，由其负责公开。",
    "本县暂未开展此项业务，开展后再行公开。",
)
# Names checked against the standards' names: none overlaps a standard item.
SUPPLEMENTS = {
    "employment": ("零工市场用工信息", "返乡入乡创业园区名录", "技能培训补贴发放情况"),
    "social_insurance": (
        "社保经办网点名录",
        "被征地农民社会保障情况",
        "社会保险基金监督举报渠道",
    ),
    "social_relief": ("困难群众救助热线", "救助资金发放情况", "慈善救助项目名录"),
    "elderly_care": ("养老服务热线", "老年助餐点名录", "居家养老服务站点"),
}
SUB_ITEM_GROUPS = ("城镇", "农村", "线上办理", "窗口办理", "高校毕业生", "退役军人")
# Time limits of new items, with how often counties choose them; every rule of
# disclosure.deadlines gets used (working days, calendar days, hours, 实时, 及时).
NEW_LIMITS = {
    "信息形成或变更之日起5个工作日内公开": 3,
    "信息形成或变更之日起7个工作日内公开": 2,
    "信息形成或变更之日起15个工作日内公开": 3,
    "信息形成之日起15日内公开": 2,
    "信息形成之日起24小时内公开": 1,
    "实时公开": 1,
    "及时公开": 1,
}
EXTRA_CHANNELS = (
    "notice-board",
    "convenience-station",
    "targeted-push",
    "reading-point",
    "weibo-wechat-app",
)
VILLAGE_ITEM_ENDINGS = ("公示", "审核信息", "审批信息", "审核审批信息")
LOCAL_CONTENT = ["事项名称", "办理依据", "办理条件", "办理流程", "咨询方式"]
LOCAL_BASIS = "《中华人民共和国政府信息公开条例》（国务院令第711号）"


@dataclass
class LocalItem:
    """An item of a local catalog being built, and what its edits changed."""

    item: Item
    bases: list[LegalBasis]
    added: str  # the reason on the item's first history row
    before: dict = field(default_factory=dict)  # values as derived, once edited
    omission: str = ""

    def change(self, **values) -> None:
        for name, value in values.items():
            self.before.setdefault(name, getattr(self.item, name))
            setattr(self.item, name, value)

    def edit_reason(self) -> str:
        if self.omission:
            return _("Not performed locally: %(reason)s") % {"reason": self.omission}
        labels = [str(Item._meta.get_field(name).verbose_name) for name in self.before]
        return _("Item changed: %(fields)s.") % {"fields": ", ".join(labels)}


class Edits:
    """The edits, applied in order by ``local_catalog``."""

    def __init__(self, items, *, domain, organisation, rng):
        self.items = items
        self.domain = domain
        self.organisation = organisation
        self.rng = rng
        self.position = max((i.item.position for i in items), default=0)

    def _performed(self, level: int) -> list[LocalItem]:
        return [i for i in self.items if i.item.level == level and not i.item.omitted]

    def fill_ticks(self) -> None:
        domain, rng = self.domain, self.rng
        for local in self.items:
            item = local.item
            if item.level < 2:
                continue
            changes = {}
            if item.mode_proactive is not True and item.mode_on_request is not True:
                changes["mode_proactive"] = True
                if item.mode_on_request is None:
                    changes["mode_on_request"] = False
            if item.audience_public is None and item.audience_specific is None:
                public = rng.random() < 0.8
                changes.update(audience_public=public, audience_specific=not public)
            if item.level_county is None:
                changes["level_county"] = domain.has_county_level
            if item.level_township is None:
                changes["level_township"] = domain.has_township_level
            if item.level_village is None and domain.has_village_level:
                changes["level_village"] = (
                    item.name.endswith(VILLAGE_ITEM_ENDINGS) or rng.random() < 0.1
                )
            if changes:
                local.change(**changes)

    def omit(self) -> None:
        rng = self.rng
        parents = {id(i.item.parent) for i in self.items if i.item.parent}
        candidates = [
            i
            for i in self.items
            if i.item.level == 2 or (i.item.level == 1 and id(i.item) not in parents)
        ]
        count = rng.choices((0, 1, 2), weights=(5, 4, 1))[0]
        for local in rng.sample(candidates, min(count, len(candidates))):
            reason = rng.choice(OMISSION_REASONS)
            for row in [local, *self._descendants(local)]:
                row.change(omitted=True, omission_reason=reason)
                row.omission = reason

    def _descendants(self, local: LocalItem) -> list[LocalItem]:
        found, queue = [], [local.item]
        while queue:
            parent = queue.pop()
            for other in self.items:
                if other.item.parent is parent:
                    found.append(other)
                    queue.append(other.item)
        return found

    def shorten_limits(self) -> None:
        rng = self.rng
        for local in self._performed(2):
            item = local.item
            if rng.random() >= 0.15:
                continue
            if (
                item.time_limit_kind == TimeLimitKind.WITHIN
                and item.time_limit_unit == TimeLimitUnit.WORKING_DAYS
                and (item.time_limit_amount or 0) > 5
            ):
                shorter = [n for n in (5, 7, 10, 15) if n < item.time_limit_amount]
                days = rng.choice(shorter)
                self._limit(local, f"信息形成或变更之日起{days}个工作日内公开")
            elif item.time_limit_kind == TimeLimitKind.UNSPECIFIED:
                self._limit(local, "信息形成或变更之日起15个工作日内公开")

    @staticmethod
    def _limit(local: LocalItem, text: str) -> None:
        local.change(**time_limit_columns(text))

    def add_channels(self) -> None:
        rng = self.rng
        for local in self._performed(2):
            missing = [c for c in EXTRA_CHANNELS if c not in local.item.channels]
            if missing and rng.random() < 0.2:
                local.change(channels=[*local.item.channels, rng.choice(missing)])

    def add_supplements(self) -> None:
        rng, domain = self.rng, self.domain
        names = SUPPLEMENTS.get(domain.key, ())
        parents = self._performed(1)
        count = rng.choices((0, 1, 2), weights=(5, 3, 2))[0]
        if not parents:
            return
        for name in rng.sample(names, min(count, len(names))):
            parent = rng.choice(parents).item
            self._add(
                parent,
                name,
                _("Local supplementary item added."),
                levels=(
                    domain.has_county_level,
                    domain.has_township_level and rng.random() < 0.6,
                    domain.has_village_level and rng.random() < 0.3,
                ),
            )

    def add_sub_items(self) -> None:
        rng = self.rng
        parents = self._performed(2)
        count = rng.choices((0, 1, 2, 3), weights=(4, 3, 2, 1))[0]
        for parent_local in rng.sample(parents, min(count, len(parents))):
            parent = parent_local.item
            self._add(
                parent,
                f"{parent.name}（{rng.choice(SUB_ITEM_GROUPS)}）",
                _("Third-level sub-item added."),
                levels=(
                    bool(parent.level_county),
                    bool(parent.level_township) and rng.random() < 0.7,
                    bool(parent.level_village) and rng.random() < 0.7,
                ),
            )

    def _add(self, parent: Item, name: str, reason: str, *, levels) -> None:
        rng = self.rng
        self.position += 1
        public = rng.random() < 0.7
        item = Item(
            catalog=parent.catalog,
            parent=parent,
            level=parent.level + 1,
            code=self._next_code(parent),
            position=self.position,
            name=name,
            content=list(LOCAL_CONTENT),
            subject=self.organisation.name,
            channels=["gov-website", rng.choice(EXTRA_CHANNELS)],
            audience_public=public,
            audience_specific=not public,
            mode_proactive=True,
            mode_on_request=False,
            level_county=levels[0],
            level_township=levels[1],
            level_village=levels[2],
            origin=ItemOrigin.SUPPLEMENT,
        )
        limit_text = rng.choices(list(NEW_LIMITS), weights=NEW_LIMITS.values())[0]
        for column, value in time_limit_columns(limit_text).items():
            setattr(item, column, value)
        citation = parse_citation(LOCAL_BASIS)
        basis = LegalBasis(
            item=item,
            position=0,
            text=citation.text,
            title=citation.title,
            document_no=citation.document_no,
            kind=citation.kind,
            scope=citation.scope,
        )
        self.items.append(LocalItem(item, [basis], reason))

    def _next_code(self, parent: Item) -> str:
        """The next free number under ``parent`` (parent.code.N), as the admin gives."""
        if not parent.code:
            return ""
        prefix = f"{parent.code}."
        numbers = [
            int(i.item.code[len(prefix) :])
            for i in self.items
            if i.item.code.startswith(prefix) and i.item.code[len(prefix) :].isdigit()
        ]
        return f"{prefix}{max(numbers, default=0) + 1}"
