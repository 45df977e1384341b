"""`upward serve`: preview the site with live reload (MkDocs' own server)."""

from __future__ import annotations

import click

from upward.build.project import Project
from upward.words import english


def _address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """HOST:PORT as MkDocs takes it, checked here so a bad one is a message, not a crash."""
    import ipaddress

    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise click.BadParameter(english()("cli.serve_address", value=value))
    if host != "localhost":
        try:
            ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
        except ValueError:
            raise click.BadParameter(english()("cli.serve_host", host=host)) from None
    return value


@click.command("serve", help=english()("help.serve.command"))
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    callback=_address,
    help=english()("help.serve.dev_addr"),
)
def command(dev_addr: str) -> None:
    """MkDocs' own server on the project's mkdocs.yml, with our hooks."""
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
            english()("cli.serve_failed", address=dev_addr, reason=error.strerror)
        ) from None
