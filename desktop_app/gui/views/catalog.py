"""The main window's views in navigation order, named without importing them.

The window lists every view at start-up but makes one (importing its module and building its
widgets) only when it is first opened: a view never opened costs nothing at start-up, and the
first start over 100,000 tasks shows its task list sooner. Each view's title is written here
once, for the navigation, the «Xem» menu and the view itself."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class ViewSpec:
    module: str  # the module under desktop_app.gui.views
    class_name: str
    entity: str  # what «Thêm mới» adds there (BaseView.entity)
    title: str  # untranslated: shown as _(title)

    def view_class(self) -> type:
        return getattr(importlib.import_module(f"{__package__}.{self.module}"), self.class_name)


DASHBOARD = ViewSpec("dashboard_view", "DashboardView", "tasks", N_("Tổng quan"))
DOCUMENTS = ViewSpec("documents_view", "DocumentsView", "documents", N_("Văn bản, nghị quyết"))
PROGRAMS = ViewSpec("programs_view", "ProgramsView", "programs", N_("Chương trình hành động"))
TASKS = ViewSpec("tasks_view", "TasksView", "tasks", N_("Nhiệm vụ"))
STUDY = ViewSpec("study_view", "StudyView", "study_sessions", N_("Học tập, quán triệt"))
BODIES = ViewSpec("bodies_view", "BodiesView", "bodies", N_("Cơ quan, đơn vị"))

VIEWS: tuple[ViewSpec, ...] = (DASHBOARD, DOCUMENTS, PROGRAMS, TASKS, STUDY, BODIES)
