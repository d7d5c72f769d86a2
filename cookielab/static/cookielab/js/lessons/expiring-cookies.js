// Deleting means expiring: from a page OUTSIDE the lab cookie's path, read that cookie through a
// same-origin frame of the path, and expire it with document.cookie. Path is not a security boundary.
import { refreshWirePanel, showResult, visibleCookie } from "../cookielab.js";

const EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT";

/** The value `name` has in a cookie string such as document.cookie, or null. */
function valueIn(cookieString, name) {
  for (const pair of cookieString ? cookieString.split("; ") : []) {
    const cut = pair.indexOf("=");
    if (cut >= 0 && pair.slice(0, cut) === name) return pair.slice(cut + 1);
  }
  return null;
}

/** Load `url` in a hidden frame and return what document.cookie shows inside it (same origin, so the parent may look). */
function cookiesSeenInFrame(url) {
  return new Promise((resolve, reject) => {
    const frame = document.createElement("iframe");
    frame.title = "A page inside the lab cookie's path";
    frame.hidden = true;
    frame.addEventListener("load", () => {
      try {
        resolve(frame.contentDocument.cookie);
      } catch (error) {
        reject(error);
      } finally {
        frame.remove();
      }
    });
    frame.src = `${url}?t=${Date.now()}`;
    document.body.append(frame);
  });
}

function report(result, lines) {
  result.replaceChildren(
    ...lines.map((line) => {
      const paragraph = document.createElement("p");
      paragraph.textContent = line;
      return paragraph;
    }),
  );
  showResult(result);
}

function start() {
  const fence = document.getElementById("path-fence");
  if (!fence) return;
  const { labPath, cookie, frameUrl } = fence.dataset;
  const result = document.getElementById("fence-result");
  document.getElementById("fence-needs-js").hidden = true;
  document.getElementById("fence-buttons").hidden = false;

  const read = async () => {
    const here = visibleCookie(cookie);
    const inFrame = valueIn(await cookiesSeenInFrame(frameUrl), cookie);
    fence.dataset.here = here ?? "";
    fence.dataset.inFrame = inFrame ?? "";
    return { here, inFrame };
  };

  document.getElementById("fence-read").addEventListener("click", async () => {
    try {
      const { here, inFrame } = await read();
      report(result, [
        here === null
          ? `document.cookie on this page (${location.pathname}) has no ${cookie}: the path keeps it away from here.`
          : `document.cookie on this page shows ${cookie}=${here}.`,
        inFrame === null
          ? `The frame of ${frameUrl} saw no ${cookie} either: the cookie does not exist now (set it with step 1).`
          : `But the frame of ${frameUrl}, a page of the same origin inside the path, shows ${cookie}=${inFrame}, and this page's script read it from there.`,
      ]);
      fence.dataset.state = inFrame === null ? "absent" : "read";
    } catch (error) {
      report(result, [`The frame could not be read: ${error}`]);
      fence.dataset.state = "error";
    }
  });

  document.getElementById("fence-expire").addEventListener("click", async () => {
    const written = `${cookie}=; path=${labPath}; expires=${EXPIRED}; samesite=lax`;
    document.cookie = written;
    try {
      const { inFrame } = await read();
      report(result, [
        `This page ran document.cookie = "${written}".`,
        inFrame === null
          ? `A frame of ${frameUrl} now sees no ${cookie}: a page outside the path removed it. Go to the lab's page: the server no longer receives it.`
          : `The frame of ${frameUrl} still sees ${cookie}=${inFrame}: your browser kept it.`,
      ]);
      fence.dataset.state = inFrame === null ? "expired" : "kept";
    } catch (error) {
      report(result, [`The frame could not be read: ${error}`]);
      fence.dataset.state = "error";
    }
    refreshWirePanel();
  });
}

start();
