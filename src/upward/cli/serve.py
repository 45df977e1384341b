"""`upward serve`: preview the site with live reload (MkDocs' own server)."""

from __future__ import annotations

import click

from upward.build.project import Project


def _address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """HOST:PORT as MkDocs takes it, checked here so a bad one is a message, not a crash."""
    import ipaddress

    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise click.BadParameter(
            f"'{value}' is not HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8000"
        )
    if host != "localhost":
        try:
            ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
        except ValueError:
            raise click.BadParameter(
                f"'{host}' is not an IP address or localhost, e.g. 127.0.0.1:8000"
            ) from None
    return value


@click.command("serve")
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    callback=_address,
    help="Address to serve on.",
)
def command(dev_addr: str) -> None:
    """Preview the site with live reload (MkDocs' own server)."""
    import errno

    from mkdocs.commands.serve import serve as mkdocs_serve

    from upward.build.mkdocs_site import HOOKS_FILE

    project = Project.discover()
    try:
        mkdocs_serve(
            config_file=str(project.mkdocs_yml),
            dev_addr=dev_addr,
            livereload=True,
            hooks=[HOOKS_FILE],  # by its own path: an installed package has no src/ beside
        )
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
            raise
        raise click.ClickException(
            f"cannot serve on {dev_addr}: {error.strerror}; "
            "choose another address with -a, e.g. -a 127.0.0.1:8001"
        ) from None
