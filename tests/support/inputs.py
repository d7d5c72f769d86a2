"""Form values a student (or an attacker) may send that no form accepts: header breakers, oversize, markup."""

HOSTILE = ["; \r\n", "x" * 5120, "<script>alert(1)</script>"]
