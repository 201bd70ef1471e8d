/**
 * What the EBS CSI controller (through its Pod Identity role) may do: volumes and snapshots of this
 * cluster only. AWS's AmazonEBSCSIDriverPolicy lets it attach, detach, snapshot and modify any volume
 * of the account. Here everything it creates must carry the cluster's owner tag (the driver adds it
 * to every volume and snapshot: `controller.extraVolumeTags`, set by the cluster stack), everything
 * it changes must carry it already, and volumes attach only to the cluster's own instances.
 */
import { OWNER_TAG_KEY } from "../naming/names";
import type { ClusterArns } from "../naming/arns";
import { policy, type PolicyDocument } from "./policy-document";

export interface EbsCsiScope {
  cluster: string;
  arns: ClusterArns;
}

export function ebsCsiPermissions({ cluster, arns }: EbsCsiScope): PolicyDocument {
  const owned = { StringEquals: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster } };
  const ownedAtCreation = { StringEquals: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: cluster } };
  const volumes = arns.ec2("volume");
  const snapshots = arns.snapshots;
  return policy(
    {
      Sid: "Describe",
      Effect: "Allow",
      Action: ["ec2:DescribeAvailabilityZones", "ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:DescribeTags", "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications"],
      Resource: "*",
    },
    { Sid: "CreateOwnedVolumes", Effect: "Allow", Action: "ec2:CreateVolume", Resource: volumes, Condition: ownedAtCreation },
    { Sid: "RestoreOwnedSnapshots", Effect: "Allow", Action: "ec2:CreateVolume", Resource: snapshots, Condition: owned },
    { Sid: "SnapshotOwnedVolumes", Effect: "Allow", Action: "ec2:CreateSnapshot", Resource: volumes, Condition: owned },
    { Sid: "CreateOwnedSnapshots", Effect: "Allow", Action: "ec2:CreateSnapshot", Resource: snapshots, Condition: ownedAtCreation },
    {
      Sid: "TagWhileCreating",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot"] } },
    },
    { Sid: "OwnedVolumesOnly", Effect: "Allow", Action: ["ec2:AttachVolume", "ec2:DetachVolume", "ec2:ModifyVolume", "ec2:DeleteVolume"], Resource: volumes, Condition: owned },
    { Sid: "OwnedInstancesOnly", Effect: "Allow", Action: ["ec2:AttachVolume", "ec2:DetachVolume"], Resource: arns.ec2("instance"), Condition: owned },
    { Sid: "OwnedSnapshotsOnly", Effect: "Allow", Action: "ec2:DeleteSnapshot", Resource: snapshots, Condition: owned },
  );
}
