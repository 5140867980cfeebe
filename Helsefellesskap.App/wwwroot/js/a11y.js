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
let focusBeforeDialog = null;
// Each dialog opened starts a new generation: a restore still pending from the last dialog must not pull focus out
// of the next one (a quick keyboard user opens it again within the restore's 400 ms).
let dialogGeneration = 0;
window.helsefellesskap = Object.assign(window.helsefellesskap || {}, {
    focus(id) {
        document.getElementById(id)?.focus();
    },
    // A confirmation dialog returns focus to the button that opened it (WCAG 2.4.3).
    rememberFocus() {
        dialogGeneration++;
        lastInConfirmation = null;
        focusBeforeDialog = document.activeElement;
    },
    restoreFocus() {
        const element = focusBeforeDialog;
        focusBeforeDialog = null;
        if (!element || typeof element.focus !== 'function') return;
        // The dialog leaves the page after this call, and MudBlazor's focus trap may hand focus to its own fallback
        // as it goes: put focus back on the button until the dialog is gone, unless something meaningful took it.
        const lost = () => {
            const active = document.activeElement;
            return !active || active === document.body || !!active.closest('.mud-dialog-container, [role=dialog]') ||
                (active.getAttribute('tabindex') === '-1' && !active.matches('h1, h2, h3, main'));
        };
        const generation = dialogGeneration;
        const restore = () => { if (generation === dialogGeneration && element.isConnected && lost()) element.focus(); };
        element.focus();
        requestAnimationFrame(restore);
        for (const ms of [50, 150, 400]) setTimeout(restore, ms);
    },
});

// The confirmation dialog opens with "Avbryt" focused. MudBlazor's focus trap may then put focus on its own empty
// fallback element, where a keyboard user would hear nothing; while a confirmation is open, such focus goes to "Avbryt".
// MudBlazor's trap may do so late, after the user has already tabbed on to the action: focus then goes back to the
// control the user was on, never behind their back to "Avbryt".
let lastInConfirmation = null;
document.addEventListener('focusin', event => {
    const cancel = document.querySelector('[data-testid=confirm-cancel]');
    const target = event.target;
    if (!cancel || !(target instanceof HTMLElement)) return;
    if (target.matches('button, a[href], input, select, textarea, [role=button]')) {
        if (target.closest('.mud-dialog-container, [role=dialog]')) lastInConfirmation = target;
        return;
    }
    const back = lastInConfirmation && lastInConfirmation.isConnected ? lastInConfirmation : cancel;
    back.focus();
}, true);

// The menu that opens over the page below 960 px (MainLayout) closes on Escape, and focus goes back to its button.
document.addEventListener('keydown', event => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const button = document.querySelector('.menu-button[aria-expanded="true"]');
    if (!button || button.offsetParent === null) return;
    if (document.querySelector('.mud-dialog-container, [role=dialog]')) return;
    button.click();
    button.focus();
});
