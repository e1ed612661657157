from sandbox.seats import create_seat
from tests.browser.test_site_admin import _login

def test_dbg(browser, live):
    seat = create_seat(live.data, "dbg")
    page = browser.new_context().new_page()
    _login(page, live, seat.name, seat.site_login, seat.password)
    print(page.url)
    print(page.locator("nav.admin-side").inner_html()[:1500])
    print(page.get_by_role("link", name="Articles", exact=True).count())
