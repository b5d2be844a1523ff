import { useId, useState, type RefObject } from 'react';
import { useApp, useAppStore } from '../state/context';
import { copyText } from './clipboard';
import { EmbedChoices } from './EmbedChoices';
import { EmbedPreview } from './EmbedPreview';
import { embedSnippet, embedUrl, frameSize, type EmbedOptions } from './embedSnippet';
import { trapTab, useModalDialog } from './useModalDialog';

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
  const ref = useModalDialog(returnFocus);
  const id = useId();
  const state = store.getState();
  const snippet = embedSnippet(state, opts, `Transfer Explorable: ${chapterTitle}, ${figTitle}`);
  const { width, height } = frameSize(opts);
  const set = (patch: Partial<EmbedOptions>) => setOpts((o) => ({ ...o, ...patch }));
  return (
    <dialog
      ref={ref}
      className="embed-dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => trapTab(e, ref.current)}
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
          <EmbedChoices opts={opts} set={set} />
          <SnippetField id={`${id}-code`} snippet={snippet} />
        </form>
        <EmbedPreview
          src={embedUrl(state, opts)}
          width={width}
          height={height}
          responsive={opts.size === 'responsive'}
        />
      </div>
    </dialog>
  );
}

/** The snippet, selected whole on focus, and a button that copies it (saying whether that worked). */
function SnippetField({ id, snippet }: { id: string; snippet: string }) {
  const [message, setMessage] = useState('');
  const copy = async () =>
    setMessage((await copyText(snippet)) ? 'Embed code copied.' : 'Copy failed: select the code and copy it.');
  return (
    <>
      <label htmlFor={id}>Paste this into your slides or page:</label>
      <textarea id={id} readOnly rows={4} value={snippet} onFocus={(e) => e.target.select()} data-testid="embed-code" />
      <div className="dialog-actions">
        <button type="button" onClick={copy}>
          Copy embed code
        </button>
        <span role="status">{message}</span>
      </div>
    </>
  );
}
