import { svg } from 'lit';
import { encode } from 'uqr';

/**
 * A QR code of `text` as inline SVG, made in the browser (uqr's encoder; no
 * service asked): one path of dark modules on a light square with the quiet
 * zone of four modules the standard asks for. Medium error correction, so a
 * code on a scratched phone screen still reads.
 */
export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return svg`<svg class="qr" part="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"
    ><rect width=${size} height=${size} fill="#ffffff"></rect><path d=${path} fill="#000000"></path
  ></svg>`;
}
