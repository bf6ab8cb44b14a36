import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import GetAppIcon from '@material-ui/icons/GetApp';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { downloadText } from '../downloadText';
import { BusyButton } from '../BusyButton';
import { errorMessage } from '../responseErrors';
import { useSaidDownloads } from '../useSaidDownloads';

/**
 * Downloads the SLO as an OpenSLO v1 document, `<name>.openslo.yaml`. A plain link cannot carry
 * the Backstage token, so the YAML is fetched through fetchApi and handed over as a Blob URL.
 */
export function ExportOpenSloButton(props: {
  slo: Pick<SloDefinition, 'id' | 'name'>;
  /** A name that tells this button from the others on a page, e.g. `Export OpenSLO of <name>`. */
  'aria-label'?: string;
}) {
  const { slo } = props;
  const api = useApi(stewardshipApiRef);
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState(false);
  const { announcement, saved } = useSaidDownloads();

  const download = async () => {
    setBusy(true);
    try {
      const yaml = await api.exportSloOpenSlo(slo.id);
      const fileName = `${slo.name}.openslo.yaml`;
      downloadText(yaml, fileName, 'application/yaml');
      saved(fileName);
    } catch (e) {
      // Said with what failed: the snackbar alone shows only the message.
      errorApi.post(
        new Error(`Could not download the OpenSLO YAML: ${errorMessage(e)}`),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BusyButton
        size="small"
        startIcon={<GetAppIcon />}
        onClick={download}
        busy={busy}
        aria-label={props['aria-label']}
      >
        Export OpenSLO
      </BusyButton>
      {announcement}
    </>
  );
}
