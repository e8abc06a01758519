from veiledning import roles as access


def roles(request):
    """What the signed-in user may do, for menus and buttons (views still check)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}}
    may = {name: access.can(user, perm) for name, perm in access.CAPABILITIES.items()}
    may["two_factor"] = access.is_admin(user)
    return {"may": may}
