// The console's few browser-side parts: the alarm queue's keys and sound, the staleness marker and the time zone.
window.sotpConsole = (() => {
    let keysTarget = null;
    let sound = null;
    const staleAfterMs = 30000;
    let freshValue = null;
    let freshSeenAt = Date.now();

    function typing(event) {
        const target = event.target;
        return target instanceof HTMLElement &&
            (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest(".mud-dialog, [role=dialog]") !== null);
    }

    function onKey(event) {
        if (keysTarget === null || event.ctrlKey || event.altKey || event.metaKey || typing(event) || document.querySelector(".mud-dialog") !== null) {
            return;
        }

        const key = event.key.toLowerCase();
        if ("jkcsarx".includes(key) && key.length === 1) {
            event.preventDefault();
            keysTarget.invokeMethodAsync("OnKeyAsync", key);
        }
    }

    // Data is stale when the page's freshness stamp has not changed for 30 s: the server renders a new stamp with
    // every live batch and a heartbeat, so a dead circuit or a stuck feed both show. Measured on this clock only.
    setInterval(() => {
        const holder = document.getElementById("sotp-freshness");
        if (holder === null) {
            document.body.classList.remove("sotp-stale");
            freshValue = null;
            return;
        }

        const value = holder.getAttribute("data-fresh-at");
        if (value !== freshValue) {
            freshValue = value;
            freshSeenAt = Date.now();
        }

        const age = Date.now() - freshSeenAt;
        document.body.classList.toggle("sotp-stale", age > staleAfterMs);
        const ageText = document.getElementById("sotp-stale-age");
        if (ageText !== null) {
            ageText.textContent = Math.floor(age / 1000).toString();
        }
    }, 1000);

    document.addEventListener("keydown", onKey);

    // The browser's zone for the server, read with the next page request (see ConsolePreferences.BrowserTimeZoneCookie).
    document.cookie = "sotp-browser-tz=" + encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone) + "; path=/; max-age=31536000; samesite=lax";

    const api = {
        /** The zone picked in the app bar (its cookie, or null), then the browser's own: the circuit shows times in the first it knows. */
        timeZones: () => {
            const picked = document.cookie.split("; ").find(c => c.startsWith("sotp-tz="));
            return [picked ? decodeURIComponent(picked.substring("sotp-tz=".length)) : null, Intl.DateTimeFormat().resolvedOptions().timeZone];
        },
        attachAlarmKeys: target => { keysTarget = target; },
        detachAlarmKeys: () => { keysTarget = null; },
        /** How many times the critical sound was asked for: the browser tests read it (headless chromium has no speakers). */
        played: 0,
        playCritical() {
            api.played++;
            sound ??= new Audio("alarm-critical.wav");
            sound.currentTime = 0;
            // A browser that has not been interacted with yet refuses to play; the banner and colour still show.
            sound.play().catch(() => { });
        },
    };
    return api;
})();
