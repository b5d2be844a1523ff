import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useApp, useAppStore } from '../state/context';
import { copyText } from './clipboard';
import { EMBED_SIZES, embedSnippet, embedUrl, frameSize, type EmbedOptions } from './embedSnippet';

const PREVIEW_WIDTH = 440;

/**
 * The embed snippet builder: size, large type, sliders, autorun; a live
 * preview of exactly the snippet's URL (scaled to fit). A modal <dialog>:
 * Tab stays inside, Escape closes, focus goes back to the Embed button.
 */
export function EmbedDialog({
  onClose,
  returnFocus,
}: {
  onClose: () => void;
  returnFocus: RefObject<HTMLElement | null>;
}) {
  const store = useAppStore();
  const figTitle = useApp((s) => s.chapter?.figures.find((f) => f.id === s.fig)?.title ?? '');
  const chapterTitle = useApp((s) => s.chapter?.title ?? '');
  // Re-render when the view changes behind the dialog (not expected while modal, but cheap).
  useApp((s) => s.params);
  const [opts, setOpts] = useState<EmbedOptions>(() => ({
    size: '960x540',
    big: false,
    controls: store.getState().controls,
    autorun: store.getState().autorun,
  }));
  const [message, setMessage] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const state = store.getState();
  const title = `Transfer Explorable: ${chapterTitle}, ${figTitle}`;
  const snippet = embedSnippet(state, opts, title);
  const src = embedUrl(state, opts);
  const [previewSrc, setPreviewSrc] = useState(src);
  useEffect(() => {
    // Each change reloads the preview; wait until the reader stops clicking.
    const t = setTimeout(() => setPreviewSrc(src), 350);
    return () => clearTimeout(t);
  }, [src]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const back = returnFocus.current;
    return () => {
      if (d.open) d.close();
      back?.focus();
    };
  }, [returnFocus]);

  const trap = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const focusables = [
      ...(ref.current?.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])',
      ) ?? []),
    ].filter((el) => !el.hasAttribute('disabled') && !el.closest('[inert]'));
    if (!focusables.length) return;
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      last.focus();
      e.preventDefault();
    } else if (!e.shiftKey && document.activeElement === last) {
      first.focus();
      e.preventDefault();
    }
  };

  const { width, height } = frameSize(opts);
  const scale = PREVIEW_WIDTH / width;
  const set = (patch: Partial<EmbedOptions>) => setOpts((o) => ({ ...o, ...patch }));
  return (
    <dialog
      ref={ref}
      className="embed-dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={trap}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={`${id}-title`}>Embed this figure</h2>
        <button type="button" className="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">
        <form className="embed-options" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>Frame size</legend>
            {EMBED_SIZES.map((s) => (
              <label key={s.id}>
                <input
                  type="radio"
                  name="embed-size"
                  value={s.id}
                  checked={opts.size === s.id}
                  onChange={() => set({ size: s.id })}
                />{' '}
                {s.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Options</legend>
            <label>
              <input
                type="checkbox"
                name="embed-big"
                checked={opts.big}
                onChange={(e) => set({ big: e.target.checked })}
              />{' '}
              Large type (projector)
            </label>
            <label>
              <input
                type="checkbox"
                name="embed-controls"
                checked={opts.controls}
                onChange={(e) => set({ controls: e.target.checked })}
              />{' '}
              Show sliders
            </label>
            <label>
              <input
                type="checkbox"
                name="embed-autorun"
                checked={opts.autorun}
                onChange={(e) => set({ autorun: e.target.checked })}
              />{' '}
              Run simulations automatically
            </label>
          </fieldset>
          <label htmlFor={`${id}-code`}>Paste this into your slides or page:</label>
          <textarea
            id={`${id}-code`}
            readOnly
            rows={4}
            value={snippet}
            onFocus={(e) => e.target.select()}
            data-testid="embed-code"
          />
          <div className="dialog-actions">
            <button
              type="button"
              onClick={async () =>
                setMessage(
                  (await copyText(snippet)) ? 'Embed code copied.' : 'Copy failed: select the code and copy it.',
                )
              }
            >
              Copy embed code
            </button>
            <span role="status">{message}</span>
          </div>
        </form>
        <figure className="embed-preview">
          <figcaption>
            Live preview, {width} × {height}
            {opts.size === 'responsive' ? ' (scales with the page)' : ''}
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
      </div>
    </dialog>
  );
}
