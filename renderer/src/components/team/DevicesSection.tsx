import { useMemo, useRef, useState } from 'react';
import type { Member, MemberDevice, Role, TeamDetails } from '../../../../shared/model/team';
import { shortFingerprint } from '../../format/fingerprint';
import { formatFullTime } from '../../format/relative-time';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { canRemoveDevice } from '../../store/team-rules';
import { ConfirmDeleteDialog } from '../common/ConfirmDialog';
import { DataTable } from '../common/DataTable';
import { useFingerprints } from './use-fingerprints';

const COLUMNS = ['Person', 'Device', 'Fingerprint', 'Added'];

const removeDeviceButtonId = (deviceId: string) => `device-remove-${deviceId}`;
const deviceIdOf = (row: DeviceRow) => row.device.deviceId;

interface DeviceRow extends Pick<MemberDevice, 'signingKey' | 'boxKey'> {
  member: Member;
  device: MemberDevice;
}

/**
 * Each member's devices: the identity they joined with, and the machines an Owner or Admin
 * added as theirs (Add as a device of). Remove device takes one away — never a member's last.
 */
export function DevicesSection({ details, myRole }: { details: TeamDetails; myRole: Role }) {
  const removeDevice = useTeam((state) => state.removeDevice);
  const announce = useAnnouncer((state) => state.announce);
  const [removing, setRemoving] = useState<DeviceRow | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rows = useMemo(
    () => details.members.flatMap((member) => (details.devices[member.memberId] ?? []).map((device) => ({ member, device, signingKey: device.signingKey, boxKey: device.boxKey }))),
    [details],
  );
  const fingerprints = useFingerprints(rows, deviceIdOf);
  const nameOf = (memberId: string) => details.members.find((member) => member.memberId === memberId)?.name ?? 'someone no longer here';

  return (
    <section className="team-section" aria-labelledby="devices-heading">
      <h2 id="devices-heading" className="section-title" ref={headingRef} tabIndex={-1}>
        Devices
      </h2>
      <DataTable caption="Devices" columns={COLUMNS}>
        {rows.map((row) => {
          const { member, device } = row;
          const fingerprint = fingerprints.get(device.deviceId);
          const first = device.deviceId === member.memberId;
          return (
            <tr key={device.deviceId}>
              <td className="cell-name">{member.name}</td>
              <td className="cell-muted">
                {device.name}
                {first && <span className="cell-muted"> (first device)</span>}
              </td>
              <td className="cell-muted mono" title={fingerprint}>
                {fingerprint ? shortFingerprint(fingerprint) : '…'}
              </td>
              <td className="cell-muted">
                {formatFullTime(device.addedAt)} by {nameOf(device.addedById)}
              </td>
              <td className="cell-actions">
                {canRemoveDevice(myRole, member, details.me, details.devices[member.memberId] ?? [], device.deviceId) && (
                  <button id={removeDeviceButtonId(device.deviceId)} type="button" className="button button-secondary button-small" onClick={() => setRemoving(row)}>
                    Remove device
                    <span className="visually-hidden">
                      {' '}
                      {device.name} of {member.name}
                    </span>
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {removing && (
        <ConfirmDeleteDialog
          title={<>Remove this device of {removing.member.name}?</>}
          description={`“${removing.device.name}” will no longer act as ${removing.member.name}: what it signs from now on is refused, and every key it could open is re-encrypted for ${removing.member.name}’s other devices. Rotate at their source any credential that device held if it was lost or stolen.`}
          confirmLabel="Remove device"
          onClose={() => setRemoving(null)}
          returnFocusTo={() => headingRef.current}
          onConfirm={async () => {
            await removeDevice(removing.member.memberId, removing.device.deviceId);
            announce(`A device of ${removing.member.name} removed`);
          }}
        />
      )}
    </section>
  );
}
