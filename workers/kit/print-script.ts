/** The print button of a printable page: the browser's own print dialog, set to A4 by the stylesheet's @page. */
export const printScript = `document.getElementById('print-page')?.addEventListener('click',function(){window.print()});`;
