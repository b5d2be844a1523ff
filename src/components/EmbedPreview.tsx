import { useEffect, useState } from 'react';

const PREVIEW_WIDTH = 440;
/** Each option change reloads the preview; it waits this long for the reader to stop clicking. */
const RELOAD_DELAY_MS = 350;

/** A live, inert preview of the embed link at the frame's size, scaled down to fit the dialog. */
export function EmbedPreview({
  src,
  width,
  height,
  responsive,
}: {
  src: string;
  width: number;
  height: number;
  responsive: boolean;
}) {
  const [previewSrc, setPreviewSrc] = useState(src);
  useEffect(() => {
    const t = setTimeout(() => setPreviewSrc(src), RELOAD_DELAY_MS);
    return () => clearTimeout(t);
  }, [src]);
  const scale = PREVIEW_WIDTH / width;
  return (
    <figure className="embed-preview">
      <figcaption>
        Live preview, {width} × {height}
        {responsive ? ' (scales with the page)' : ''}
      </figcaption>
      <div className="preview-box" style={{ width: PREVIEW_WIDTH, height: Math.round(height * scale) }} inert>
        <iframe
          src={previewSrc}
          title="Preview of the embedded figure"
          tabIndex={-1}
          width={width}
          height={height}
          style={{ transform: `scale(${scale})` }}
          data-testid="embed-preview"
        />
      </div>
    </figure>
  );
}
