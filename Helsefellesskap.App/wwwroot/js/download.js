// Fetches a file from the app (with the sign-in cookie) and hands it to the browser as a download, so the page
// can show that the file is being prepared until it arrives. Returns null, or a message when it failed.
export async function downloadFile(url) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return `Filen kunne ikke lages (feil ${response.status}). Prøv igjen.`;
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') || '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const name = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : 'fil';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 30000);
    return null;
}
