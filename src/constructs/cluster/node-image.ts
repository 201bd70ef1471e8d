/**
 * The AMI a pool runs: pinned in config, or the EKS-recommended image for the cluster's
 * Kubernetes version, read at plan time from its public SSM parameter. A new recommended image
 * becomes a new launch template version, which the Auto Scaling Group rolls out by instance
 * refresh through drained nodes.
 */
import { Construct } from "constructs";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import type { Architecture } from "../../config/instance-types";
import type { AmiFamily } from "../../userdata/terraform-user-data";

/** The public SSM parameter holding the recommended AMI id. */
export function eksAmiParameter(family: AmiFamily, architecture: Architecture, kubernetesVersion: string): string {
  return family === "al2023"
    ? `/aws/service/eks/optimized-ami/${kubernetesVersion}/amazon-linux-2023/${architecture}/standard/recommended/image_id`
    : `/aws/service/bottlerocket/aws-k8s-${kubernetesVersion}/${architecture}/latest/image_id`;
}

export interface NodeImageProps {
  family: AmiFamily;
  architecture: Architecture;
  kubernetesVersion: string;
  /** Pinned AMI; default: the recommended one. */
  amiId?: string;
}

export class NodeImage extends Construct {
  readonly imageId: string;

  constructor(scope: Construct, id: string, props: NodeImageProps) {
    super(scope, id);
    this.imageId =
      props.amiId ??
      // insecure_value: AMI ids are public, and a sensitive value would hide AMI changes in plans.
      new DataAwsSsmParameter(this, "recommended", { name: eksAmiParameter(props.family, props.architecture, props.kubernetesVersion) }).insecureValue;
  }
}
