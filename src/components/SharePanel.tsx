import { useRef, useState } from 'react';
import { useAppStore } from '../state/context';
import { writeUrl } from '../state/url';
import { copyText } from './clipboard';
import { EmbedDialog } from './EmbedDialog';
import { pageBase } from './embedSnippet';

/** Copy the link to exactly this figure, or open the embed builder for slides. */
export function SharePanel() {
  const store = useAppStore();
  const [message, setMessage] = useState('');
  const [embedOpen, setEmbedOpen] = useState(false);
  const embedButton = useRef<HTMLButtonElement>(null);
  const link = () => `${pageBase()}${writeUrl(store.getState())}`;
  return (
    <div className="share">
      <button
        type="button"
        onClick={async () => {
          const ok = await copyText(link());
          setMessage(ok ? 'Link copied.' : 'Copy failed; the link is in the address bar.');
        }}
      >
        Copy link
      </button>
      <button
        ref={embedButton}
        type="button"
        aria-haspopup="dialog"
        onClick={() => setEmbedOpen(true)}
        data-testid="embed-open"
      >
        Embed…
      </button>
      <span role="status" className="share-msg">
        {message}
      </span>
      {embedOpen && <EmbedDialog onClose={() => setEmbedOpen(false)} returnFocus={embedButton} />}
    </div>
  );
}
