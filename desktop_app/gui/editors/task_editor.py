"""Nhiệm vụ: content, group, lead and coordinating bodies, product, deadline (with a live
preview of what it means), assigned date, note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QPushButton, QScrollArea

from ...core.dates import DateError, format_date, parse_date
from ...core.deadlines import DeadlineError, deadline_for_task
from ...ops import tasks as task_ops
from ...ops.fields import TaskFields
from ...reports.records import body_choices, group_titles, task_record
from ..i18n import _
from ..progress_panel import ProgressPanel
from .base import EntityEditor


def deadline_preview(text: str) -> tuple[str, bool]:
    """What the deadline means, or why it cannot be read: (text, ok)."""
    if not text.strip():
        return _("Chưa có thời hạn"), True
    try:
        return deadline_for_task(text).describe(), True
    except DeadlineError as exc:
        return str(exc), False


class TaskEditor(EntityEditor):
    title_text = ""
    reload_after = ("deadline", "assigned_date", "content", "product", "group_title")

    def __init__(self, ctx, parent=None):
        self.program_id: int | None = None
        super().__init__(ctx, parent)

    def build(self) -> None:
        self.content = self.add_text("content", _("Nội dung nhiệm vụ"), lines=5)
        self.group = self.add_line("group_title", _("Nhóm nhiệm vụ"), _("ví dụ: Công tác tuyên truyền"))
        self.lead = self.add_combo("lead_body_id", _("Cơ quan chủ trì"), none_text=_("(chưa giao)"))
        self.coordinators = self.add_checklist("coordinating_body_ids", _("Cơ quan phối hợp"))
        self.product = self.add_line("product", _("Sản phẩm"), _("Kế hoạch, Đề án, Báo cáo…"))
        self.deadline = self.add_line("deadline", _("Thời gian hoàn thành"), _("Quý I/2024, 30/6/2024, Thường xuyên…"))
        self.preview = QLabel(self)
        self.preview.setObjectName("deadline-preview")
        self.preview.setWordWrap(True)
        self.form.addRow("", self.preview)
        self.deadline.textChanged.connect(self._update_preview)
        # One error display per field: once the deadline's own error line shows why the
        # text was refused, the preview does not repeat it (it still explains a readable one).
        deadline_field = self.fields["deadline"]
        shown_by_field = deadline_field.show_error

        def show_error(message: str | None) -> None:
            shown_by_field(message)
            self._update_preview(self.deadline.text())

        deadline_field.show_error = show_error  # type: ignore[method-assign]
        self.assigned = self.add_line("assigned_date", _("Ngày giao"), _("ngày/tháng/năm"))
        self.note = self.add_text("note", _("Ghi chú"), lines=2)
        # A new task offers the bodies valid on its assignment day: follow the typed date.
        self.assigned.editingFinished.connect(self._assignment_day_changed)
        self._group_completer = QCompleter([], self)
        self.group.setCompleter(self._group_completer)
        self.group.installEventFilter(self)
        # the progress log and the report form (shown for an existing task)
        self.progress = ProgressPanel(self.ctx, self)
        self.progress.setObjectName("progress-panel")
        self.form.addRow(self.progress)
        # The report form sits below the task's fields and its timeline: one click (or Ctrl+R,
        # the window's action) from the top of the details brings it into view, cursor in it.
        self.report_button = QPushButton(_("Báo cáo tiến độ…"), self)
        self.report_button.setObjectName("show-progress-form")
        self.report_button.setToolTip(_("Báo cáo tiến độ…") + " (Ctrl+R)")
        self.report_button.clicked.connect(self.show_progress_form)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 4, 0)
        top.addStretch(1)
        top.addWidget(self.report_button)
        self.layout().insertLayout(1, top)  # under the heading, above the scrolled fields

    def load(self, item_id: int | None) -> None:
        super().load(item_id)
        self.progress.setVisible(item_id is not None)
        self.report_button.setVisible(item_id is not None)
        self.progress.set_task(item_id)

    # What the fields and the heading show: a change touching none of these (a progress
    # report, another programme's document…) leaves them as they are.
    SHOWN_TABLES = ("tasks", "task_coordinators", "bodies", "programs", "program_documents", "documents",
                    "settings")

    def refresh_after(self, changes) -> None:
        if self.item_id is not None and not any(changes.touches(t) for t in self.SHOWN_TABLES):
            self.progress.refresh()  # (reads the log again only if a report changed it)
            return
        super().refresh_after(changes)

    def show_progress_form(self) -> None:
        """Bring the report form into view and put the cursor in it (Báo cáo tiến độ…)."""
        if self.item_id is None:
            return
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.widget().layout().activate()  # positions as they will be drawn
            body, bar = scroll.widget(), scroll.verticalScrollBar()
            top = self.progress.form_title.mapTo(body, QPoint(0, 0)).y()
            bottom = self.progress.submit_button.mapTo(body, QPoint(0, 0)).y() + self.progress.submit_button.height()
            # as much of the timeline as fits above the form, all of the form down to its button
            wanted = max(self.progress.pos().y(), bottom + 8 - scroll.viewport().height())
            bar.setValue(min(wanted, top))
        self.progress.focus_form()

    def scroll_to_progress(self) -> None:
        """Scroll the details so the progress part starts at the top."""
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.verticalScrollBar().setValue(self.progress.pos().y())

    def _assignment_day_changed(self) -> None:
        if self.item_id is None and not self._loading:
            lead, checked = self.lead.current_id(), self.coordinators.checked_ids()
            self.refresh_choices({}, keep_checked=checked)
            self.lead.set_current_id(lead)

    def _update_preview(self, text: str) -> None:
        message, ok = deadline_preview(text)
        if not ok and self.fields["deadline"].error.text():
            message = ""  # the field's error line already says why
        self.preview.setText(message)
        self.preview.setVisible(bool(message))
        self.preview.setStyleSheet("color: #1b5e20;" if ok else "color: #c62828;")

    def set_program(self, program_id: int | None) -> None:
        """The programme new tasks go into."""
        self.program_id = program_id

    def _assignment_day(self, values: dict) -> date:
        """The task's assignment day (as loaded, else as typed in the form), or today."""
        try:
            return parse_date(values.get("assigned_date") or self.assigned.text())
        except DateError:
            return date.today()

    def refresh_choices(self, values: dict, keep_checked: list[int] | None = None) -> None:
        """The bodies valid on the assignment day (and those already assigned to the task,
        which stay offered where they are used), and the programme's groups. The bodies are
        read once and kept until a body changes (``ctx.choices``), and the lists are rebuilt
        only when what they offer changed: a save refreshes the editor, and that must not
        cost a read of every body and two lists rebuilt."""
        current_lead = values.get("lead_body_id")
        current_coordinators = list(values.get("_coordinating_body_ids", ()))
        day = self._assignment_day(values)
        keep = (current_lead, *current_coordinators)
        bodies = self.ctx.choices(("task-bodies", day, keep), ("bodies",),
                                  lambda: body_choices(self.ctx.db, valid_on=day, keep=keep))
        choices = [(b.id, b.name) for b in bodies]
        if choices != self._lead_choices:
            self.lead.set_items(choices)
            self._lead_choices = choices
        checked = current_coordinators if keep_checked is None else list(keep_checked)
        if (choices, checked) != self._coordinator_choices or self.coordinators.checked_ids() != checked:
            self.coordinators.set_items(choices, checked)
            self._coordinator_choices = (choices, checked)
        # the group suggestions are read when the group field is entered (see eventFilter)
        self._groups_for = None

    _lead_choices: list | None = None
    _coordinator_choices: tuple | None = None
    _groups_for: object = None

    def _fill_group_completer(self) -> None:
        """The programme's groups already typed, offered as the user types a group: read when
        the field is entered, not at each refresh."""
        if self._groups_for == self.program_id:
            return
        groups = [] if self.program_id is None else group_titles(self.ctx.db, self.program_id)
        self._group_completer.model().setStringList(groups)
        self._groups_for = self.program_id

    def eventFilter(self, watched, event) -> bool:
        if watched is self.group and event.type() == QEvent.Type.FocusIn:
            self._fill_group_completer()
        return super().eventFilter(watched, event)

    def load_values(self, item_id: int) -> dict:
        task = task_record(self.ctx.db, item_id)
        if task is None:
            return {}
        self.program_id = task.program_id
        return {
            "content": task.content, "group_title": task.group_title, "lead_body_id": task.lead_body_id,
            "product": task.product, "deadline": task.deadline_text,
            "assigned_date": format_date(task.assigned_date), "note": task.note,
            "_program": task.program_label, "_coordinating_body_ids": task.coordinating_body_ids,
        }

    def new_values(self) -> dict:
        from ...reports.defaults import task_assigned_date

        return {"assigned_date": format_date(task_assigned_date(self.ctx.db, self.program_id))}

    def heading_for(self, values: dict) -> str:
        if not values.get("_program"):
            return _("Nhiệm vụ")
        return _("Nhiệm vụ — chương trình {program}").format(program=values["_program"])

    def create(self, values: dict):
        if self.program_id is None:
            from ...ops.base import ValidationError

            raise ValidationError(_("Hãy chọn một chương trình trước khi giao nhiệm vụ."))
        fields = {k: v for k, v in values.items() if k != "content"}
        return task_ops.create_task(self.ctx.db, self.program_id, values["content"], TaskFields(**fields))

    def update(self, item_id: int, name: str, value, expected: dict | None = None):
        return task_ops.update_task(self.ctx.db, item_id, TaskFields(**{name: value}), expected=expected)
