"""Who puts a consultation live: the plenipotentiary's approval.

Coordinators may edit a consultation but not publish or unpublish it; they submit it to
the "Zatwierdzenie konsultacji" workflow, whose one task is approved by the plenipotentiary's
group. Approval publishes the page, or schedules it when the editor set "go live at"
(`manage.py periodic` then runs Wagtail's `publish_scheduled`).
"""

from django.contrib.auth.models import Group
from wagtail.models import PagePermissionTester

from core.roles import PLENIPOTENTIARIES

APPROVAL_WORKFLOW = "Zatwierdzenie konsultacji"
APPROVAL_TASK = "Akceptacja pełnomocnika ds. organizacji pozarządowych"
PUBLISH_PERMISSION = "consultations.publish_consultation"


class ConsultationPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with publishing reserved to those who approve."""

    def _approves(self) -> bool:
        return self.user.has_perm(PUBLISH_PERMISSION)  # always true for superusers

    def can_publish(self):
        return super().can_publish() and self._approves()

    def can_unpublish(self):
        return super().can_unpublish() and self._approves()


class ConsultationIndexPermissionTester(PagePermissionTester):
    """Creating a consultation and publishing it in one go is also the approver's."""

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self.user.has_perm(PUBLISH_PERMISSION)


def approval_workflow_ensure(**kwargs) -> None:
    """Create the workflow and attach it to every consultations index (idempotent)."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from consultations.models import ConsultationIndexPage

    group, _ = Group.objects.get_or_create(name=PLENIPOTENTIARIES)
    task, _ = GroupApprovalTask.objects.get_or_create(name=APPROVAL_TASK)
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in ConsultationIndexPage.objects.filter(workflowpage__isnull=True):
        WorkflowPage.objects.create(page=index, workflow=workflow)
