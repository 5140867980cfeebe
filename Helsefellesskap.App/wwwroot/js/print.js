// The browser's print dialog, where "Lagre som PDF" gives the printable document.
export function printPage() { window.print(); }
