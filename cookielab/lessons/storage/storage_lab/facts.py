"""The browser storage table: what is documented about each store, as data.

The lecture opens with a table of six client-side stores. Its figures are loose ("~5-10 MB",
"~100+ MB"); the rows below keep its shape and columns but say what browsers actually document
(see the sources in ``facts.md``). The storage lab renders this table and then measures the
same things in the student's own browser beside each value.
"""

from __future__ import annotations

from dataclasses import dataclass

# Every cookie the lab writes from JavaScript starts with this; "Clear everything" removes these
# and nothing else (never the site's session or CSRF cookie).
MARKER_COOKIE_PREFIX = "cookielab_storage_"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


COLUMNS: tuple[Column, ...] = (
    Column("max_size", "Max size"),
    Column("api", "Sync/async"),
    Column("persistence", "Persistence"),
    Column("sent_with_requests", "Sent with requests"),
    Column("use_case", "Use case"),
)


@dataclass(frozen=True)
class StoreRow:
    key: str  # the id the page's JavaScript uses for this store
    name: str
    max_size: str
    api: str
    persistence: str
    sent_with_requests: str
    use_case: str
    on_close: str  # what closing the tab or the browser does (a page cannot watch that happen)
    lecture_max_size: str  # what the lecture's slide says, shown beside the correction
    lecture_persistence: str

    def cells(self) -> list[tuple[Column, str]]:
        """The documented value of each column, in column order."""
        return [(column, getattr(self, column.key)) for column in COLUMNS]


_SHARED_QUOTA = (
    "Shares one per-origin quota with {other} and the Origin Private File System: up to 60% of the "
    "disk in Chromium and in Safari 17+. Firefox allows an origin 10% of the disk (50% once persisted), "
    "at most 8 TiB, and adds a group limit of 10 GiB for all the origins of one site (eTLD+1: "
    "example.com with www.example.com and the rest). navigator.storage.estimate() reports the quota."
)
_BEST_EFFORT = (
    "Until the site or the user deletes it, but only best-effort: under storage pressure the browser "
    "evicts whole origins, least recently used first, unless navigator.storage.persist() was granted. "
    "Safari deletes it after 7 days of use without interaction with the site."
)

STORAGE_TABLE: tuple[StoreRow, ...] = (
    StoreRow(
        key="cookie",
        name="Cookies",
        max_size=(
            "4096 bytes per cookie, name and value together; a bigger cookie is dropped whole, "
            "silently. The standard asks browsers for at least 50 per domain; Chromium and Firefox "
            "keep 180."
        ),
        api=(
            "Synchronous through document.cookie (one string to parse). The newer Cookie Store API "
            "(cookieStore) is asynchronous and needs a secure context."
        ),
        persistence=(
            "Until Expires or Max-Age (capped at 400 days); with neither, a session cookie that ends "
            "with the browser session. Safari deletes cookies set by JavaScript after 7 days without "
            "interaction."
        ),
        sent_with_requests="Yes: every matching request carries them in its Cookie header.",
        use_case="Sign-in and sessions, small settings the server must see, tracking.",
        on_close=(
            "Closing the tab changes nothing. Closing the browser ends session cookies, unless the "
            "browser restores the previous session; persistent cookies stay until they expire."
        ),
        lecture_max_size="~4 KB",
        lecture_persistence="Optional expiry",
    ),
    StoreRow(
        key="localStorage",
        name="localStorage",
        max_size=(
            "About 5 MiB per origin. Chromium allows 10 MiB counted at 2 bytes a character, i.e. "
            "5,242,880 characters of keys and values; Firefox 5120 KB. One more character throws "
            "QuotaExceededError."
        ),
        api="Synchronous: every call blocks the page's main thread. Not available in workers.",
        persistence=(
            "Until the site or the user clears it; shared by every tab of the origin. Safari deletes it "
            "after 7 days of use without interaction with the site."
        ),
        sent_with_requests="No.",
        use_case="Small preferences and client-side state every tab of the site shares.",
        on_close="Closing the tab or the browser keeps it.",
        lecture_max_size="~5-10 MB",
        lecture_persistence="Until cleared",
    ),
    StoreRow(
        key="sessionStorage",
        name="sessionStorage",
        max_size="About 5 MiB per origin, counted separately from localStorage, with the same limits.",
        api="Synchronous, like localStorage. Not available in workers.",
        persistence=(
            "Per origin and per tab: it survives reloads in the same tab, and each tab has its own. A "
            "window opened with window.open() or a duplicated tab starts with a copy; a link opened with "
            "rel=noopener starts empty."
        ),
        sent_with_requests="No.",
        use_case="State for one tab only: the steps of a form, a draft that must not leak into other tabs.",
        on_close=(
            "Closing the tab discards it, and so does closing the browser, unless the browser restores "
            "tabs: reopening a closed tab, or a restart that restores the previous session, brings the "
            "tab's sessionStorage back with it."
        ),
        lecture_max_size="~5-10 MB",
        lecture_persistence="Until tab closes",
    ),
    StoreRow(
        key="indexedDB",
        name="IndexedDB",
        max_size=_SHARED_QUOTA.format(other="the Cache API"),
        api=(
            "Asynchronous (events, or promises in wrappers): the results arrive later. Not all the work "
            "happens elsewhere, though: put() and add() copy the value (a structured clone) synchronously, on "
            "the calling thread, before they return; only the storing is done in the background."
        ),
        persistence=_BEST_EFFORT,
        sent_with_requests="No.",
        use_case="Large or structured data: offline records, files and blobs, indexes to query.",
        on_close="Closing the tab or the browser keeps it.",
        lecture_max_size="~100+ MB",
        lecture_persistence="Long-term",
    ),
    StoreRow(
        key="cacheApi",
        name="Cache API",
        max_size=_SHARED_QUOTA.format(other="IndexedDB"),
        api=(
            "Asynchronous (promises). Secure contexts only (HTTPS or localhost). The page's own part still "
            "runs on its main thread: creating each Response and its body, calling put(), and every promise "
            "callback."
        ),
        persistence=_BEST_EFFORT,
        sent_with_requests="No: your own code (usually a service worker) serves its responses.",
        use_case="Request/response pairs for offline apps (PWAs), usually with a service worker.",
        on_close="Closing the tab or the browser keeps it.",
        lecture_max_size="~50-100+ MB",
        lecture_persistence="Long-term",
    ),
    StoreRow(
        key="memoryCache",
        name="Memory cache",
        max_size="Not specified and not queryable: the browser sizes it for itself.",
        api="Not an API: a page can neither read nor write it.",
        persistence=(
            "About the life of the document: images, scripts and styles it already loaded are reused "
            "without a new request."
        ),
        sent_with_requests="No: it exists to avoid requests.",
        use_case="A speed-up the browser manages on its own.",
        on_close="Closing the tab drops it.",
        lecture_max_size="Small",
        lecture_persistence="Short-term",
    ),
)


# The compact version of the table that the course's first lesson shows (the lecture opens with the
# comparison); the storage lab prints the whole table and measures it.
PREVIEW_COLUMNS: tuple[str, ...] = ("Holds", "Sent with requests?", "Lasts")
_PREVIEW: dict[str, tuple[str, str, str]] = {
    "cookie": ("4,096 bytes per cookie", "Yes, by the browser itself", "Until it expires (400 days at most)"),
    "localStorage": ("About 5 MiB", "No", "Until the site or the user clears it"),
    "sessionStorage": ("About 5 MiB", "No", "Until the tab closes"),
    "indexedDB": ("A share of the disk", "No", "Until cleared (best effort)"),
    "cacheApi": ("A share of the disk", "No", "Until cleared (best effort)"),
    "memoryCache": ("What the browser decides", "No: it saves requests", "About the life of the page"),
}


def preview_rows() -> list[tuple[str, str, str, str]]:
    """One short line per store: name, size, whether it travels, how long it lasts."""
    return [(row.name, *_PREVIEW[row.key]) for row in STORAGE_TABLE]
