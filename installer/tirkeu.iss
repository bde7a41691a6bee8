; Inno Setup 6 script of the Tirkeu installer for Windows 10/11 x64 (Inno Setup 6.3 or newer:
; it uses the x64compatible architecture name).
;
; Build the frozen folder first (python installer\build.py), then:
;   iscc installer\tirkeu.iss
; which writes dist\tirkeu-setup-<version>.exe.
;
; Installs for the whole machine under Program Files (administrator rights).
; The office data never live here: Tirkeu keeps them per user in
; %LOCALAPPDATA%\Tirkeu (platformdirs), which neither an upgrade nor an
; uninstall touches. Before installing, every data folder that holds a database
; gets a dated copy of it in its backups\ folder; the application copies the
; database again before it migrates the schema (storage/db.py).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; Fixed for ever: Windows finds the installed Tirkeu by it, so upgrades replace it.
#define AppGuid "6F0B3C2E-8A4D-4E7B-9C51-2D7E4A9F1B63"
#define AppName "Tirkeu"
#define DataFolderName "Tirkeu"
#define SourceFolder "..\dist\tirkeu"

[Setup]
AppId={{{#AppGuid}}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=tirkeu-setup-{#AppVersion}
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=yes
LanguageDetectionMethod=uilanguage
UninstallDisplayIcon={app}\tirkeu.exe
UninstallDisplayName={#AppName}
; The Restart Manager offers to close a running Tirkeu before files are replaced.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
; Kazakh first: it is the default when Windows speaks neither language.
; Default.isl is read before Kazakh.isl, so an untranslated message falls back to English.
Name: "kk"; MessagesFile: "compiler:Default.isl,Kazakh.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
kk.AppComment=Баланың тууын тіркеу, туу туралы куәлік беру
ru.AppComment=Регистрация рождения, выдача свидетельств о рождении
en.AppComment=Registration of births and birth certificates
kk.AppRunning=Tirkeu осы компьютерде ашық тұр (деректер қалтасы: %1).%n%nTirkeu бағдарламасын жабыңыз да, орнатуды қайта іске қосыңыз.
ru.AppRunning=Tirkeu открыт на этом компьютере (папка данных: %1).%n%nЗакройте Tirkeu и запустите установку снова.
en.AppRunning=Tirkeu is open on this computer (data folder: %1).%n%nClose Tirkeu, then run Setup again.
kk.BackupFailed=Орнату алдында %1 дерекқорының көшірмесі жасалмады.%n%nЕшнәрсе өзгертілген жоқ. Дискіде орын бар екенін тексеріп, орнатуды қайта іске қосыңыз.
ru.BackupFailed=Перед установкой не удалось сделать копию базы данных %1.%n%nНичего не изменено. Проверьте свободное место на диске и запустите установку снова.
en.BackupFailed=Setup could not make a copy of the database %1 before installing.%n%nNothing was changed. Check the free disk space, then run Setup again.
kk.DataKept=Tirkeu деректері жойылған жоқ: олар әр пайдаланушының %1 қалтасында сақталды.%n%nБағдарламаны қайта орнатқанда олар бұрынғыдай ашылады.
ru.DataKept=Данные Tirkeu не удалены: они сохранены в папке %1 каждого пользователя.%n%nПосле повторной установки программа откроет их как прежде.
en.DataKept=Tirkeu's data were not removed: they stay in each user's folder %1.%n%nInstalled again, the program opens them as before.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's runtime goes first, so no stale module or migration script
; of an older build is left beside the new one (Alembic reads every file in versions\).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\tirkeu.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\tirkeu.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
; As the person who started Setup, not as the administrator who elevated it:
; the data folder belongs to that person.
Filename: "{app}\tirkeu.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
const
  ProfileListKey = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList';
  DataFolderName = '{#DataFolderName}';
  DatabaseFile = 'tirkeu.sqlite';
  LockFile = 'tirkeu.lock';

{ %VAR% references in a registry value (ProfileImagePath is REG_EXPAND_SZ). }
function ExpandEnvVars(Value: String): String;
var
  Start, Stop: Integer;
  Rest, Name: String;
begin
  Result := '';
  Rest := Value;
  Start := Pos('%', Rest);
  while Start > 0 do
  begin
    Result := Result + Copy(Rest, 1, Start - 1);
    Rest := Copy(Rest, Start + 1, Length(Rest));
    Stop := Pos('%', Rest);
    if Stop = 0 then
    begin
      Result := Result + '%';
      Break;
    end;
    Name := Copy(Rest, 1, Stop - 1);
    Result := Result + GetEnv(Name);
    Rest := Copy(Rest, Stop + 1, Length(Rest));
    Start := Pos('%', Rest);
  end;
  Result := Result + Rest;
end;

procedure AddFolder(var Folders: TArrayOfString; Folder: String);
var
  I: Integer;
begin
  for I := 0 to GetArrayLength(Folders) - 1 do
    if CompareText(Folders[I], Folder) = 0 then
      Exit;
  SetArrayLength(Folders, GetArrayLength(Folders) + 1);
  Folders[GetArrayLength(Folders) - 1] := Folder;
end;

{ The Tirkeu data folder of every user profile on this machine that has one.
  Setup runs elevated, possibly as another account than the clerk's, so the
  current user's folder alone could miss the office's database. }
function DataFolders(): TArrayOfString;
var
  Sids: TArrayOfString;
  I: Integer;
  Profile, Folder: String;
begin
  SetArrayLength(Result, 0);
  Folder := ExpandConstant('{localappdata}\') + DataFolderName;
  if DirExists(Folder) then
    AddFolder(Result, Folder);
  if RegGetSubkeyNames(HKLM64, ProfileListKey, Sids) then
    for I := 0 to GetArrayLength(Sids) - 1 do
      if RegQueryStringValue(HKLM64, ProfileListKey + '\' + Sids[I], 'ProfileImagePath', Profile) then
      begin
        Folder := AddBackslash(ExpandEnvVars(Profile)) + 'AppData\Local\' + DataFolderName;
        if DirExists(Folder) then
          AddFolder(Result, Folder);
      end;
end;

{ True when a Tirkeu holds the folder's lock: Windows refuses to delete a file
  another process has open. A lock file left by a closed Tirkeu is removed. }
function FolderInUse(Folder: String): Boolean;
begin
  Result := FileExists(Folder + '\' + LockFile) and not DeleteFile(Folder + '\' + LockFile);
end;

{ A dated copy of the database (and of a journal left by an interrupted write). }
function BackupDatabase(Folder: String): Boolean;
var
  Database, Target: String;
begin
  Result := True;
  Database := Folder + '\' + DatabaseFile;
  if not FileExists(Database) then
    Exit;
  Target := Folder + '\backups\pre-install-{#AppVersion}-' +
    GetDateTimeString('yyyymmdd/hhnnss', '-', '-') + '.sqlite';
  Result := ForceDirectories(Folder + '\backups') and FileCopy(Database, Target, True);
  if Result and FileExists(Database + '-journal') then
    Result := FileCopy(Database + '-journal', Target + '-journal', True);
  if Result then
    Log('Backed up ' + Database + ' to ' + Target)
  else
    Log('Could not back up ' + Database + ' to ' + Target);
end;

function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  Folders: TArrayOfString;
  I: Integer;
begin
  Result := '';
  Folders := DataFolders();
  for I := 0 to GetArrayLength(Folders) - 1 do
    if FolderInUse(Folders[I]) then
    begin
      Result := FmtMessage(CustomMessage('AppRunning'), [Folders[I]]);
      Exit;
    end;
  for I := 0 to GetArrayLength(Folders) - 1 do
    if not BackupDatabase(Folders[I]) then
    begin
      Result := FmtMessage(CustomMessage('BackupFailed'), [Folders[I] + '\' + DatabaseFile]);
      Exit;
    end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), ['%LOCALAPPDATA%\' + DataFolderName]),
      mbInformation, MB_OK);
end;
