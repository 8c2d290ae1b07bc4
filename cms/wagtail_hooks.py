from wagtail import hooks


@hooks.register("construct_homepage_panels")
def statement_review_panel(request, panels):
    """The yearly review of the accessibility statement, for whoever may edit it."""
    from cms.accessibility import StatementReviewPanel, overdue_statements

    overdue = [
        statement
        for statement in overdue_statements()
        if statement.permissions_for_user(request.user).can_edit()
    ]
    if overdue:
        panels.append(StatementReviewPanel(overdue))
