// Keyboard and screen-reader helpers for every page.
// "Hopp til innholdet" moves keyboard focus to the page's main content (WCAG 2.4.1). With <base href="/"> a plain
// "#innhold" link would resolve to the front page, and Blazor's router would navigate there instead.
document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const main = document.getElementById('innhold');
    if (main) {
        main.focus();
        main.scrollIntoView();
    }
}, true);

// After a command replaces the control that ran it (an item's "Åpne" button once the item is open), focus goes to a
// meaningful place instead of staying on a button that now means something else (WCAG 2.4.3).
window.helsefellesskap = Object.assign(window.helsefellesskap || {}, {
    focus(id) {
        document.getElementById(id)?.focus();
    },
    // A confirmation dialog returns focus to the button that opened it (WCAG 2.4.3).
    rememberFocus() {
        this.focusBeforeDialog = document.activeElement;
    },
    restoreFocus() {
        const element = this.focusBeforeDialog;
        this.focusBeforeDialog = null;
        if (element && element.isConnected && typeof element.focus === 'function') element.focus();
    },
});
