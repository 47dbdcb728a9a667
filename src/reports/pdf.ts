/**
 * HTML to PDF in Debian's Chromium (launched only through src/browser/chromium.ts). The page is
 * set from a string, not loaded from a URL, and JavaScript is off: the report is static text.
 */
import { launchChromium } from "../browser/chromium.ts";

export async function htmlToPdf(html: string, chromiumPath: string): Promise<Buffer> {
  const browser = await launchChromium(chromiumPath);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="width:100%;font-size:8pt;text-align:center;font-family:serif"><span class="pageNumber"></span>/<span class="totalPages"></span></div>',
    });
    await context.close();
    return pdf;
  } finally {
    await browser.close();
  }
}
