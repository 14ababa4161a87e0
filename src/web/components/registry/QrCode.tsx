import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as inline SVG, drawn from the code's modules: sharp at any print size, no canvas, no
 * HTML injection. Error correction level M survives a scuffed label.
 */
export function QrCode({ text, size = 96, label }: { text: string; size?: number; label: string }) {
  const { path, count } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++)
        if (modules.data[row * modules.size + col]) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { path: d, count: modules.size + 8 };
  }, [text]);
  return (
    <svg
      className="qr-code"
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
