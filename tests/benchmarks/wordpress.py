"""A stock WordPress on loopback, from Debian's packages, for side-by-side benchmarks.

WordPress 6.1 (Debian's ``wordpress``), PHP 8.2 with Debian's default opcache, apache2 with the prefork
MPM and mod_php, MariaDB: each started as a private instance in a temporary folder (its own datadir,
socket, port and pid file), seeded with content comparable to the reference site (20 posts, 10
pages, 37 comments, a menu), and stopped with the ``with`` block. Nothing of the machine's own
services is touched; only ``/etc/wordpress/config-e5bench.php`` is written (Debian's WordPress
reads its configuration there) and removed at the end.

Run alone to try it: ``python -m tests.benchmarks.wordpress`` (as root: it installs the packages).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from tests.grading.http_client import free_port

PACKAGES = ("wordpress", "mariadb-server", "apache2", "libapache2-mod-php", "php-mysql")
CONFIG_NAME = "e5bench"
CONFIG_FILE = Path(f"/etc/wordpress/config-{CONFIG_NAME}.php")
ADMIN, PASSWORD = "admin", "bench-e5-wordpress"

SEED_PHP = r"""<?php
$_SERVER['WORDPRESS_CONFIG'] = 'e5bench';
$_SERVER['HTTP_HOST'] = '127.0.0.1';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Lin & Nature', 'admin', 'admin@example.org', true, '', 'bench-e5-wordpress', 'fr_FR');
$lorem = str_repeat("<!-- wp:paragraph --><p>Le lin lavé se froisse joliment et sèche vite ; "
    . "nos parures sont tissées en France, teintes sans solvant et garanties deux ans.</p>"
    . "<!-- /wp:paragraph -->\n", 12);
$cat = wp_create_category('Conseils');
$posts = [];
for ($i = 1; $i <= 20; $i++) {
    $posts[] = wp_insert_post(['post_title' => "Article de blog n° $i", 'post_content' => $lorem,
        'post_status' => 'publish', 'post_category' => [$cat], 'tags_input' => ['lin', 'maison']]);
}
$pages = [];
for ($i = 1; $i <= 10; $i++) {
    $pages[] = wp_insert_post(['post_title' => "Page $i", 'post_content' => $lorem,
        'post_status' => 'publish', 'post_type' => 'page']);
}
for ($i = 1; $i <= 37; $i++) {
    wp_insert_comment(['comment_post_ID' => $posts[$i % 20], 'comment_author' => "Visiteur $i",
        'comment_author_email' => "v$i@example.org", 'comment_content' => "Merci pour ces conseils ($i).",
        'comment_approved' => 1]);
}
$menu = wp_create_nav_menu('Menu principal');
foreach (array_slice($pages, 0, 5) as $page) {
    wp_update_nav_menu_item($menu, 0, ['menu-item-object-id' => $page, 'menu-item-object' => 'page',
        'menu-item-type' => 'post_type', 'menu-item-status' => 'publish']);
}
set_theme_mod('nav_menu_locations', ['primary' => $menu]);
echo $posts[0];
"""

APACHE_CONF = """ServerRoot /etc/apache2
ServerName 127.0.0.1
PidFile {root}/apache.pid
Listen 127.0.0.1:{port}
User www-data
Group www-data
ErrorLog {root}/apache-error.log
LogLevel warn
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so
LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so
# Debian's prefork defaults (mods-available/mpm_prefork.conf)
StartServers 5
MinSpareServers 5
MaxSpareServers 10
MaxRequestWorkers 150
MaxConnectionsPerChild 0
KeepAlive On
TypesConfig /etc/mime.types
DocumentRoot /usr/share/wordpress
DirectoryIndex index.php
SetEnv WORDPRESS_CONFIG {config}
Alias /wp-content /var/lib/wordpress/wp-content
<FilesMatch "\\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
<Directory /usr/share/wordpress>
    Options FollowSymLinks
    AllowOverride All
    Require all granted
</Directory>
<Directory /var/lib/wordpress/wp-content>
    Options FollowSymLinks
    Require all granted
</Directory>
"""


@dataclass(frozen=True)
class StockWordPress:
    """A running stock WordPress: its address, a public post and the editor of that post."""

    port: int
    post_path: str
    editor_path: str
    cookie: str  # the logged-in administrator's cookies, for the editor
    pids: tuple[int, ...]  # apache's and MariaDB's processes (CPU accounting)


def install_packages() -> None:
    """Install Debian's packages when one is missing (root or sudo)."""
    if all(Path(p).exists() for p in ("/usr/share/wordpress", "/usr/sbin/mariadbd", "/usr/sbin/apache2",
                                      "/usr/lib/apache2/modules/libphp8.2.so")):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installation de WordPress, MariaDB, apache2 et PHP (paquets Debian)…", flush=True)
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                    *PACKAGES], check=True, stdout=subprocess.DEVNULL)


def _wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


def _start_mariadb(root: Path) -> tuple[subprocess.Popen, Path]:
    datadir, run = root / "mariadb", root / "mariadb-run"  # both the server's own (it runs as mysql)
    for folder in (datadir, run):
        folder.mkdir()
        shutil.chown(folder, "mysql", "mysql")
    sock = run / "mariadb.sock"
    subprocess.run(["mariadb-install-db", "--user=mysql", f"--datadir={datadir}",
                    "--auth-root-authentication-method=socket", "--skip-test-db"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = subprocess.Popen(
        ["mariadbd", "--user=mysql", f"--datadir={datadir}", f"--socket={sock}", "--skip-networking",
         f"--pid-file={run / 'mariadb.pid'}", f"--log-error={run / 'mariadb.log'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(sock.exists, "MariaDB")
    client = ["mariadb", f"--socket={sock}", "-uroot"]
    _wait_for(lambda: subprocess.run([*client, "-e", "SELECT 1"], capture_output=True).returncode == 0,
              "MariaDB")
    subprocess.run([*client, "-e", "CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' "
                    f"IDENTIFIED BY '{PASSWORD}'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"],
                   check=True)
    return server, sock


def _write_config(sock: Path, port: int) -> None:
    CONFIG_FILE.parent.mkdir(parents=True, exist_ok=True)
    CONFIG_FILE.write_text(
        "<?php\n"
        f"define('DB_NAME', 'wordpress');\ndefine('DB_USER', 'wordpress');\n"
        f"define('DB_PASSWORD', '{PASSWORD}');\ndefine('DB_HOST', 'localhost:{sock}');\n"
        f"define('WP_HOME', 'http://127.0.0.1:{port}');\ndefine('WP_SITEURL', 'http://127.0.0.1:{port}');\n"
        "define('DISABLE_WP_CRON', true);\n"  # no background HTTP call to itself in the middle of a run
    )
    CONFIG_FILE.chmod(0o644)


def _login_cookie(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = urlencode({"log": ADMIN, "pwd": PASSWORD, "wp-submit": "Se connecter", "testcookie": "1"})
    conn.request("POST", "/wp-login.php", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                 "Cookie": "wordpress_test_cookie=WP%20Cookie%20check"})
    response = conn.getresponse()
    response.read()
    cookies = [h.split(";", 1)[0] for h in response.headers.get_all("Set-Cookie") or []]
    if response.status != 302 or not any(c.startswith("wordpress_logged_in") for c in cookies):
        raise RuntimeError(f"WordPress login failed (HTTP {response.status})")
    return "; ".join(cookies)


def _status(port: int, path: str, cookie: str = "") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    return response.status


@contextlib.contextmanager
def stock_wordpress() -> Iterator[StockWordPress]:
    """Start MariaDB and apache2+WordPress on a free loopback port, seeded; stop both afterwards."""
    install_packages()
    root = Path(tempfile.mkdtemp(prefix="e5-wordpress-"))
    root.chmod(0o755)
    port = free_port()
    mariadb = apache = None
    try:
        mariadb, sock = _start_mariadb(root)
        _write_config(sock, port)
        seed = root / "seed.php"
        seed.write_text(SEED_PHP)
        post_id = subprocess.run(["php", str(seed)], check=True, capture_output=True, text=True).stdout
        post_id = post_id.strip().splitlines()[-1]
        (root / "apache2.conf").write_text(APACHE_CONF.format(root=root, port=port, config=CONFIG_NAME))
        env = {**os.environ, "APACHE_RUN_DIR": str(root), "APACHE_LOCK_DIR": str(root)}
        # Its own process group: on stop, apache's prefork parent signals its whole group, which would
        # otherwise include the benchmark that started it (killed before printing its ratios).
        apache = subprocess.Popen(["apache2", "-f", str(root / "apache2.conf"), "-DFOREGROUND"], env=env,
                                  start_new_session=True)
        _wait_for(lambda: _status(port, f"/?p={post_id}") == 200, "apache2 + WordPress")
        cookie = _login_cookie(port)
        editor = f"/wp-admin/post.php?post={post_id}&action=edit"
        if _status(port, editor, cookie) != 200:
            raise RuntimeError("WordPress editor did not answer 200 for the logged-in administrator")
        pids = tuple(p.pid for p in (apache, mariadb))
        yield StockWordPress(port, f"/?p={post_id}", editor, cookie, pids)
    finally:
        for server in (apache, mariadb):
            if server is not None:
                server.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    server.wait(30)
        CONFIG_FILE.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    with stock_wordpress() as wp:
        print(f"WordPress : http://127.0.0.1:{wp.port}{wp.post_path}  éditeur : {wp.editor_path}")
        print(f"pids : {wp.pids}")
