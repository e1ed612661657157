"""`e5 serve` (the server) and `e5 demo` (a ready-to-try installation)."""

from __future__ import annotations

import multiprocessing
import signal
import socket
import threading
from pathlib import Path

import click

from grading.accounts import has_admin
from sandbox.base_url import base_url, configured_base_url, is_loopback, save_base_url
from sandbox.paths import write_private
from sandbox.seats import SeatError
from sandbox.services import ServiceError

DEFAULT_CONTEXT = Path(__file__).resolve().parent.parent / "contexts" / "lin-et-nature"


def listen_url(host: str, port: int) -> str:
    """The address the server listens on, as a browser types it (a wildcard host means this PC)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host  # noqa: S104 — compares, does not bind: a wildcard host is shown as this PC
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"


def remember_base_url(data: Path, url: str) -> None:
    """Save the centre's address given on the command line (e5 --base-url, e5 serve --base-url)."""
    before = configured_base_url(data)
    try:
        saved = save_base_url(data, url)
    except ServiceError as exc:
        raise click.BadParameter(exc.message, param_hint="--base-url") from exc
    if saved != before:
        click.echo(f"Adresse du centre enregistrée : {saved}", err=True)


def centre_url(data: Path, host: str, port: int) -> str:
    """The centre's configured address (e5 --base-url, console settings), else the listening one."""
    return base_url(data, listen_url(host, port))


def proxy_settings(trusted_proxy: str | None) -> dict:
    """waitress settings that take the client's address from a trusted reverse proxy's X-Forwarded-* headers.

    Behind nginx every request comes from the proxy's address: without this, the per-address login
    throttle would count a whole room's typos together and lock every candidate out at once.
    """
    if not trusted_proxy:
        return {}
    return {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
            "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto x-forwarded-host x-forwarded-port",
            "clear_untrusted_proxy_headers": True}


# poll(), not select(): a server following hundreds of seats keeps more than 1,024 files open (each seat's
# database, its journal, the streams' sockets) and select() then fails, stopping the server (bench_academie
# saw nginx answer 502). Windows has no poll(): waitress keeps select() there.
WAITRESS = {"channel_timeout": 60, "connection_limit": 1000, "ident": "e5-sandbox", "asyncore_use_poll": True}


def _serve_one(data: Path, host: str, port: int, threads: int, shared_port: bool,
               trusted_proxy: str | None = None) -> None:
    """One waitress process; with shared_port, several processes accept on the same port (SO_REUSEPORT)."""
    from waitress import serve as waitress_serve

    from grading.app import create_app
    from grading.console.live import close_all_streams
    from sandbox.seats import keep_spares_ready

    sockets = {}
    if shared_port:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sockets = {"sockets": [sock]}
    else:
        sockets = {"host": host, "port": port}
    # Each live feed holds a thread: size the pool for examiners × seats × tabs.
    app = create_app(data, E5_BASE_URL=listen_url(host, port))
    keep_spares_ready(data)  # in the background: the first request never waits for it
    waitress_serve(app, threads=threads, **WAITRESS, **sockets, **proxy_settings(trusted_proxy))
    close_all_streams()


def run_server(data: Path, host: str, port: int, threads: int, workers: int = 1,
               trusted_proxy: str | None = None) -> None:
    """Serve the application with waitress (pure Python: runs on Windows exam PCs too).

    Several worker processes share the port where the system allows it (Linux): every state lives in
    the databases (seats, events, marks) and the session cookie, so any process serves any request.
    """
    address = centre_url(data, host, port)
    click.echo(f"Console : {address}/console/   (Ctrl+C pour arrêter)")
    if configured_base_url(data) is None or is_loopback(address):
        click.echo(
            f"Attention : les fiches des postes afficheront {address}"
            + (", qui ne s'ouvre que sur ce serveur" if is_loopback(address) else "")
            + ". Indiquez l'adresse que les postes utilisent : e5 --base-url http://192.168.1.10:8000 serve,"
            " ou Administration › Réglages dans la console."
        )
    if not has_admin(data):
        click.echo(
            "Aucun compte administrateur : créez-le dans un autre terminal avec "
            f"« e5 --data {data} admin create admin », puis connectez-vous à la console."
        )
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        if workers > 1:
            click.echo("Plusieurs processus ne sont pas possibles sur ce système : un seul est lancé.")
        _serve_one(data, host, port, threads, shared_port=False, trusted_proxy=trusted_proxy)
        return
    children = [
        multiprocessing.Process(target=_serve_one, args=(data, host, port, threads, True, trusted_proxy),
                                daemon=True)
        for _ in range(workers)
    ]
    for child in children:
        child.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set() and all(child.is_alive() for child in children):
            stop.wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        dead = [child.exitcode for child in children if not child.is_alive()]
        for child in children:
            child.terminate()
        for child in children:
            child.join(10)
    if dead and not stop.is_set():  # a worker died on its own: the whole server stops, and says so
        raise click.ClickException(f"un processus serveur s'est arrêté (code {dead[0]}) : le serveur "
                                   "s'arrête aussi. Sa cause est écrite juste au-dessus.")


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adresse d'écoute (0.0.0.0 pour accepter les postes de la salle).",
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port d'écoute.")
@click.option(
    "--threads",
    default=64,
    show_default=True,
    type=int,
    help="Fils de traitement par processus (un par flux en direct ouvert, plus les pages).",
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32),
              help="Processus serveurs partageant le port (Linux) : un par cœur pour une grande salle.")
# Also accepted here: a centre naturally types « e5 serve --base-url … --port … » (same as e5 --base-url).
@click.option("--base-url", default=None,
              help="Adresse du serveur telle que les postes la voient (ex. : http://192.168.1.10:8000), "
              "enregistrée comme par « e5 --base-url ».")
@click.option("--trusted-proxy", default=None, envvar="E5_TRUSTED_PROXY", metavar="ADRESSE",
              help="Adresse du mandataire inverse (nginx) dont les en-têtes X-Forwarded-For/-Proto "
              "donnent l'adresse réelle des postes (ex. : 127.0.0.1). Sans mandataire : ne pas l'indiquer.")
@click.pass_obj
def serve(obj: dict, host: str, port: int, threads: int, workers: int, base_url: str | None,
          trusted_proxy: str | None) -> None:
    """Lancer le serveur : postes sous /s/<poste>/, console sous /console/."""
    if base_url:
        remember_base_url(obj["data"], base_url)
    try:
        run_server(obj["data"], host, port, threads, workers, trusted_proxy)
    except OSError as exc:  # the port is taken, the address is not this machine's…
        raise click.ClickException(f"le serveur n'a pas pu démarrer sur {host}:{port} ({exc}).") from exc


def _ensure_context(data: Path, context: Path) -> None:
    from sandbox.packs.install import install_context, list_templates

    if not list_templates(data):
        click.echo(f"Installation du contexte {context.name}…")
        install_context(data, context)


def _ensure_admin(data: Path) -> str | None:
    """Create the demo administrator when the centre has none; returns its new password."""
    from grading.accounts import create_user
    from sandbox.security import generate_password

    if has_admin(data):
        return None
    password = generate_password()
    create_user(data, "admin", password, "admin", "Administrateur du centre")
    write_private(data / "demo-admin-password.txt", password + "\n")
    return password


@click.command()
@click.option(
    "--context",
    "context",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_CONTEXT,
    show_default=False,
    help="Contexte à installer (par défaut : Lin & Nature).",
)
@click.option(
    "--subject",
    "subject",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Sujet du créneau de démonstration (par défaut : subjects/ln-boutique-a).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port d'écoute.")
@click.option("--no-serve", is_flag=True, help="Préparer la démonstration sans lancer le serveur.")
@click.pass_obj
def demo(obj: dict, context: Path, subject: Path | None, host: str, port: int, no_serve: bool) -> None:
    """Préparer une journée d'examen de démonstration puis lancer le serveur.

    Contexte installé, compte administrateur, compte examinateur, session du jour, trois candidats sur
    un sujet fourni, leurs postes prêts. Relancer la commande réutilise ce qui existe.
    """
    from grading.demo import DEMO_SUBJECT, demo_day
    from sandbox.packs.errors import PackError
    from sandbox.services import ServiceError

    data: Path = obj["data"]
    base = centre_url(data, host, port)
    _ensure_context(data, context)
    password = _ensure_admin(data)
    try:
        day = demo_day(data, subject or DEMO_SUBJECT)
    except (ServiceError, PackError, SeatError) as exc:
        raise click.ClickException(f"Démonstration impossible : {exc}") from exc
    if not password:
        saved = data / "demo-admin-password.txt"
        password = saved.read_text(encoding="utf-8").strip() if saved.exists() else "(choisi à la création)"
    click.echo("")
    click.echo(f"Console : {base}/console/")
    click.echo(f"  administrateur : admin / {password}")
    click.echo(f"  examinateur : {day.examiner} / {day.examiner_password}")
    click.echo(f"{day.slot_label} : {base}/console/creneaux/{day.slot_id}/")
    for place in day.places:
        seat = place.seat
        click.echo(f"Poste {seat.name} ({place.candidate}) : {seat.url(base)}")
        click.echo(
            f"  boutique : {seat.login} / {seat.password} · site : {seat.site_login} / {seat.password}"
        )
    if not no_serve:
        run_server(data, host, port, 64)
