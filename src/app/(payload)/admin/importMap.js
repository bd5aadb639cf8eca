import { OwnCredentials as OwnCredentials_8d54ae3e0ecacda815346c076cb58723 } from '../../../../src/admin/users/OwnCredentials'
import { ActivationCell as ActivationCell_a95962ea6642d999c037142b78a8309c } from '../../../../src/admin/users/ActivationCell'
import { UploadNewFileButton as UploadNewFileButton_b896e11c3676c663db2ef01e57b44dc9 } from '../../../../src/admin/media/UploadNewFileButton'
import { AuditTrail as AuditTrail_34876547f8d36ea722b640004df925b3 } from '../../../../src/admin/audit/AuditTrail'
import { UploadSaveButton as UploadSaveButton_026ca9ecce4b6435b962765167fe6f17 } from '../../../../src/admin/media/UploadSaveButton'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { MoneyCell as MoneyCell_429a0e875ae7540b4e88e71860cd20e3 } from '../../../../src/admin/money/MoneyCell'
import { MoneyAfterInput as MoneyAfterInput_1cce119c910988a3d8d802568190c02c } from '../../../../src/admin/money/MoneyAfterInput'
import { ThumbnailCell as ThumbnailCell_112ce3ba4ab9d445ccf07a240ddc26d3 } from '../../../../src/admin/products/ThumbnailCell'
import { ModerationHistory as ModerationHistory_e28f835c587d4150d9f4fb4201ad5848 } from '../../../../src/admin/products/ModerationHistory'
import { ExportCsvLink as ExportCsvLink_8a64eb7a062da662cb8e298e2220f910 } from '../../../../src/admin/export/ExportCsvLink'
import { ModerationActions as ModerationActions_440c9e32340b6d9fa6cfc08febb3f60a } from '../../../../src/admin/products/ModerationActions'
import { OrderStatusField as OrderStatusField_9c6c7fd58fc3ae949ffb5703f57d9472 } from '../../../../src/admin/orders/OrderStatusField'
import { OrderTimeline as OrderTimeline_225b262f475d66aa46cef9682c4639f0 } from '../../../../src/admin/orders/OrderTimeline'
import { MoneyField as MoneyField_ff34fa4e80c55f1b8504404c3358e0c9 } from '../../../../src/admin/orders/MoneyField'
import { OrderListPresets as OrderListPresets_0735a419b7f457958f2580123b57ee83 } from '../../../../src/admin/orders/OrderListPresets'
import { FulfilmentNavLink as FulfilmentNavLink_79eefa719e0e641f96b50e222f98000e } from '../../../../src/admin/vendor/FulfilmentNavLink'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { Dashboard as Dashboard_e57afc99291726bda4e4e9629bc62236 } from '../../../../src/admin/dashboard/Dashboard'
import { FulfilmentView as FulfilmentView_6f22a3b7a439baa1a7288884f51a2ec7 } from '../../../../src/admin/vendor/FulfilmentView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/admin/users/OwnCredentials#OwnCredentials": OwnCredentials_8d54ae3e0ecacda815346c076cb58723,
  "/src/admin/users/ActivationCell#ActivationCell": ActivationCell_a95962ea6642d999c037142b78a8309c,
  "/src/admin/media/UploadNewFileButton#UploadNewFileButton": UploadNewFileButton_b896e11c3676c663db2ef01e57b44dc9,
  "/src/admin/audit/AuditTrail#AuditTrail": AuditTrail_34876547f8d36ea722b640004df925b3,
  "/src/admin/media/UploadSaveButton#UploadSaveButton": UploadSaveButton_026ca9ecce4b6435b962765167fe6f17,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/admin/money/MoneyCell#MoneyCell": MoneyCell_429a0e875ae7540b4e88e71860cd20e3,
  "/src/admin/money/MoneyAfterInput#MoneyAfterInput": MoneyAfterInput_1cce119c910988a3d8d802568190c02c,
  "/src/admin/products/ThumbnailCell#ThumbnailCell": ThumbnailCell_112ce3ba4ab9d445ccf07a240ddc26d3,
  "/src/admin/products/ModerationHistory#ModerationHistory": ModerationHistory_e28f835c587d4150d9f4fb4201ad5848,
  "/src/admin/export/ExportCsvLink#ExportCsvLink": ExportCsvLink_8a64eb7a062da662cb8e298e2220f910,
  "/src/admin/products/ModerationActions#ModerationActions": ModerationActions_440c9e32340b6d9fa6cfc08febb3f60a,
  "/src/admin/orders/OrderStatusField#OrderStatusField": OrderStatusField_9c6c7fd58fc3ae949ffb5703f57d9472,
  "/src/admin/orders/OrderTimeline#OrderTimeline": OrderTimeline_225b262f475d66aa46cef9682c4639f0,
  "/src/admin/orders/MoneyField#MoneyField": MoneyField_ff34fa4e80c55f1b8504404c3358e0c9,
  "/src/admin/orders/OrderListPresets#OrderListPresets": OrderListPresets_0735a419b7f457958f2580123b57ee83,
  "/src/admin/vendor/FulfilmentNavLink#FulfilmentNavLink": FulfilmentNavLink_79eefa719e0e641f96b50e222f98000e,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/src/admin/dashboard/Dashboard#Dashboard": Dashboard_e57afc99291726bda4e4e9629bc62236,
  "/src/admin/vendor/FulfilmentView#FulfilmentView": FulfilmentView_6f22a3b7a439baa1a7288884f51a2ec7,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
