"""The app mounted under /learn/ (``tests.support.mounted_urls``): every address a page gives must stay under it."""

from __future__ import annotations

from tests.support.html import soup

PREFIX = "/learn"


def addresses_outside_the_mount(client, path: str) -> list[str]:
    """The site-relative links in ``<main>`` and the form actions of the page at ``path`` that leave the mount."""
    response = client.get(PREFIX + path)
    assert response.status_code == 200
    page = soup(response)
    addresses = [a["href"] for a in page.select("main a[href^='/']")] + [form["action"] for form in page.select("form")]
    assert addresses, "the page gives no address at all"
    return [address for address in addresses if not address.startswith(PREFIX + "/")]
