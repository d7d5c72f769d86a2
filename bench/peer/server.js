// The Express app the lecture teaches (cookie-parser + express-session with its MemoryStore),
// with the same three routes, plus a bare route without a session as the baseline.
// Written for the benchmark from the lecture's snippets; run: PORT=3000 node server.js
// With REDIS_URL set, sessions go to Redis through connect-redis, as express-session's docs advise
// for production (the MemoryStore is per process and never frees expired sessions).
"use strict";

const express = require("express");
const cookieParser = require("cookie-parser");
const session = require("express-session");

const app = express();
app.disable("x-powered-by");
app.use(cookieParser());

app.get("/bare", (req, res) => res.send("bare"));

app.get("/setcookie", (req, res) => {
  res.cookie("username", "john doe", { maxAge: 900000, httpOnly: true });
  return res.send("Cookie has been set");
});

app.get("/getcookie", (req, res) => {
  const username = req.cookies["username"];
  if (username) return res.send(username);
  return res.send("No cookie found");
});

// The lecture mounts the session globally; resave/saveUninitialized are written out as in its
// "Some Session Options" slide (without `secure: true`, which would send no cookie over plain HTTP).
let store;
let redis;
if (process.env.REDIS_URL) {
  const { RedisStore } = require("connect-redis");
  const { createClient } = require("redis");
  redis = createClient({ url: process.env.REDIS_URL });
  store = new RedisStore({ client: redis, prefix: process.env.REDIS_PREFIX || "sess:" });
}
app.use(session({ store, secret: "benchmark only, not a secret", resave: false, saveUninitialized: true }));

app.get("/counter", (req, res) => {
  if (req.session.page_views) {
    req.session.page_views++;
    res.send("You visited this page " + req.session.page_views + " times");
  } else {
    req.session.page_views = 1;
    res.send("Welcome to this page for the first time!");
  }
});

const port = Number(process.env.PORT || 3000);
(redis ? redis.connect() : Promise.resolve()).then(() =>
  app.listen(port, "127.0.0.1", () => console.log(`peer listening on 127.0.0.1:${port}`)),
);
