import { useState } from 'react';
import { useAppStore } from '../state/context';
import { writeUrl } from '../state/url';

function pageUrl(search: string): string {
  return `${window.location.origin}${window.location.pathname}${search}`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copy the link to exactly this figure, or an iframe snippet for slides. */
export function SharePanel() {
  const store = useAppStore();
  const [message, setMessage] = useState('');
  const [embedOpen, setEmbedOpen] = useState(false);
  const link = () => pageUrl(writeUrl(store.getState()));
  const snippet = () => `<iframe src="${pageUrl(writeUrl({ ...store.getState(), embed: true }))}" width="960" height="540" style="border:0" title="Transfer Explorable figure" loading="lazy"></iframe>`;
  return (
    <div className="share">
      <button
        type="button"
        onClick={async () => {
          const ok = await copy(link());
          setMessage(ok ? 'Link copied.' : 'Copy failed; the link is in the address bar.');
        }}
      >
        Copy link
      </button>
      <button type="button" aria-expanded={embedOpen} onClick={() => setEmbedOpen(!embedOpen)}>
        Embed
      </button>
      <span role="status" className="share-msg">{message}</span>
      {embedOpen && (
        <div className="embed-snippet">
          <label htmlFor="embed-code">Paste this into your slides or page:</label>
          <textarea id="embed-code" readOnly rows={3} value={snippet()} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={async () => setMessage((await copy(snippet())) ? 'Embed code copied.' : 'Select the code and copy it.')}>
            Copy embed code
          </button>
        </div>
      )}
    </div>
  );
}
