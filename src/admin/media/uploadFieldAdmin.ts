/**
 * The `admin` options of an upload field whose new files go through the one-document media
 * drawer, where the upload's progress shows (`UploadNewFileButton`), instead of Payload's
 * bulk-upload drawer, which shows none: Payload's own "Create New" and drop zone are turned off
 * (`allowCreate: false`; picking an existing file stays) and the button takes their place.
 * Generic, so a has-one and a has-many field each keep their own `admin` type.
 */
export const uploadFieldAdmin = <Admin extends { components?: object; [option: string]: unknown }>(
  admin: Admin = {} as Admin,
) => ({
  ...admin,
  allowCreate: false,
  components: {
    ...admin.components,
    afterInput: ['/src/admin/media/UploadNewFileButton#UploadNewFileButton'],
  },
})
