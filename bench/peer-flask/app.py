"""The lecture's counter in Flask 3 with Flask-Session on Redis: what a Python user might pick instead of Django.

``make bench`` installs it into bench/peer-flask/.venv and serves it with granian like the site
(WSGI, 2 workers, 4 threads each): REDIS_URL=redis://127.0.0.1:6379/0 granian --interface wsgi app:app
"""

import os

from flask import Flask
from flask import session
from flask_session import Session
from redis import Redis

app = Flask(__name__)
app.config.update(
    SECRET_KEY="benchmark only, not a secret",
    SESSION_TYPE="redis",
    SESSION_REDIS=Redis.from_url(os.environ["REDIS_URL"]),
    SESSION_KEY_PREFIX=os.environ.get("REDIS_PREFIX", "session:"),
)
Session(app)


@app.get("/bare")
def bare() -> str:
    return "bare"


@app.get("/counter")
def counter() -> str:
    if session.get("page_views"):
        session["page_views"] += 1
        return f"You visited this page {session['page_views']} times"
    session["page_views"] = 1
    return "Welcome to this page for the first time!"
