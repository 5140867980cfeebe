// Keeps what is typed into a field marked data-draft="name" in this tab's sessionStorage, per page and field, so text
// that never reached the server (a lost connection, a restarted server) can be offered back when the page loads
// again. The page clears a draft once the server has confirmed saving exactly that text.
(() => {
    const prefix = 'hf-draft:';
    const keyOf = name => `${prefix}${location.pathname}:${name}`;
    const parse = stored => { try { return JSON.parse(stored); } catch { return null; } };

    document.addEventListener('input', event => {
        const field = event.target;
        const holder = field instanceof Element ? field.closest('[data-draft]') : null;
        if (!holder || typeof field.value !== 'string') return;
        try {
            sessionStorage.setItem(keyOf(holder.dataset.draft), JSON.stringify({ text: field.value, at: Date.now() }));
        } catch {
            // Storage full or refused: the page still saves to the server as before.
        }
    }, true);

    window.hfDrafts = {
        /** The drafts kept on this page for the given field names, null where there is none. */
        read: names => names.map(name => parse(sessionStorage.getItem(keyOf(name)))?.text ?? null),
        /** The server saved this text: a draft of it (under any page, as a new case moves to its own) is no longer needed. */
        saved: (name, text) => {
            for (const key of Object.keys(sessionStorage))
                if (key.startsWith(prefix) && key.endsWith(`:${name}`) && parse(sessionStorage.getItem(key))?.text === (text ?? ''))
                    sessionStorage.removeItem(key);
        },
        discard: names => names.forEach(name => sessionStorage.removeItem(keyOf(name))),
    };
})();
