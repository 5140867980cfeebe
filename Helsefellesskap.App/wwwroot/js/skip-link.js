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
